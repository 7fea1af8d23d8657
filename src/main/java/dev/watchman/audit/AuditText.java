package dev.watchman.audit;

import dev.watchman.pack.Mismatch;
import dev.watchman.pack.PackRule;
import dev.watchman.pack.PackService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What an audit says to people: its issues and recommendations, one line each, capped. */
final class AuditText {
    private AuditText() {
    }

    static String issue(Finding f) {
        return "secret " + f.ruleId() + " (" + f.severity().label() + ") at " + oneLine(f.path()) + ":" + f.line()
                + ", fingerprint " + f.fingerprint();
    }

    static List<String> issues(PackService.Check c) {
        List<String> out = new ArrayList<>();
        for (Mismatch m : c.result().mismatches()) {
            out.add("pack " + c.pack().name() + ": rule " + m.rule() + " on " + oneLine(m.path()) + ": expected "
                    + oneLine(m.expected()) + ", actual " + oneLine(m.actual()));
        }
        return out;
    }


    /** One line per mismatched rule: what to make true, and why when the pack says. */
    static List<String> recommendations(PackService.Check c) {
        Map<String, PackRule> rules = new HashMap<>();
        c.pack().rules().forEach(r -> rules.put(r.id(), r));
        Map<String, List<String>> paths = new LinkedHashMap<>();
        Map<String, String> expected = new HashMap<>();
        for (Mismatch m : c.result().mismatches()) {
            paths.computeIfAbsent(m.rule(), k -> new ArrayList<>()).add(oneLine(m.path()));
            expected.putIfAbsent(m.rule(), m.expected());
        }
        List<String> out = new ArrayList<>();
        paths.forEach((rule, ps) -> {
            PackRule r = rules.get(rule);
            String why = r == null || r.description() == null ? "" : " (" + oneLine(r.description()) + ")";
            out.add(c.pack().name() + "/" + rule + ": make " + String.join(", ", ps) + " satisfy: "
                    + oneLine(expected.get(rule)) + why);
        });
        return out;
    }


    /** Grouped by rule and advice, so 300 findings of one kind are one line, not 300. */
    static List<String> recommendations(TreeScan.Result scan) {
        Map<String, List<String>> byAdvice = new LinkedHashMap<>();
        for (Finding f : scan.findings()) {
            byAdvice.computeIfAbsent(f.ruleId() + "\u0000" + f.recommendation(), k -> new ArrayList<>())
                    .add(oneLine(f.path()) + ":" + f.line());
        }
        List<String> out = new ArrayList<>();
        byAdvice.forEach((key, where) -> {
            int sep = key.indexOf('\u0000');
            String shown = where.size() <= 3 ? String.join(", ", where)
                    : String.join(", ", where.subList(0, 3)) + " and " + (where.size() - 3) + " more";
            out.add(key.substring(0, sep) + " at " + shown + ": " + key.substring(sep + 1));
        });
        if (!scan.unreadable().isEmpty()) {
            out.add(scan.unreadable().size() + " file(s) could not be read (first: " + oneLine(scan.unreadable().get(0))
                    + "): run the audit as a user that can read them, or exclude them with --exclude");
        }
        return out;
    }

    static List<String> capped(List<String> items) {
        if (items.size() <= AuditService.MAX_LISTED) {
            return List.copyOf(items);
        }
        List<String> out = new ArrayList<>(items.subList(0, AuditService.MAX_LISTED - 1));
        out.add("… and " + (items.size() - AuditService.MAX_LISTED + 1) + " more");
        return out;
    }


    /** Issues are one line each: a newline in a file name must not forge a second entry. */
    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }
}
