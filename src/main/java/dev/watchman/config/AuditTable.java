package dev.watchman.config;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code [audit]} with its {@code [[audit.rule]]} secret rules and {@code [[audit.allow]]} entries.
 * A rule's regex is compiled here, at load, as the scanner will compile it, so a bad one stops the
 * command with the line of the rule at fault instead of failing mid-audit.
 */
final class AuditTable {
    private static final Set<String> KEYS = Set.of("rule", "allow", "max_file_bytes", "default_allowlist");
    private static final Set<String> RULE_KEYS = Set.of("id", "pattern", "description", "recommendation", "severity");
    private static final Set<String> ALLOW_KEYS = Set.of("path", "rule");
    /** As the secret scanner and packs spell them (dev.watchman.audit.Severity, lower-case). */
    private static final List<String> SEVERITIES = List.of("low", "medium", "high", "critical");

    private AuditTable() {
    }

    static Config.Audit parse(TableReader top) {
        TableReader t = top.table("audit", KEYS);
        List<Config.Audit.Rule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (TableReader rule : t.tables("rule", RULE_KEYS)) {
            rules.add(rule(rule, ids));
        }
        List<Config.Audit.Allow> allow = new ArrayList<>();
        for (TableReader a : t.tables("allow", ALLOW_KEYS)) {
            allow.add(new Config.Audit.Allow(a.required("path"), a.required("rule")));
        }
        long maxBytes = t.integer("max_file_bytes", (int) Config.Audit.DEFAULT_MAX_FILE_BYTES, 1, Integer.MAX_VALUE);
        return new Config.Audit(List.copyOf(rules), List.copyOf(allow), maxBytes, t.bool("default_allowlist", true));
    }

    /** One [[audit.rule]]; {@code ids} are those of the rules before it. */
    private static Config.Audit.Rule rule(TableReader rule, Set<String> ids) {
        String id = rule.required("id");
        if (!ids.add(id)) {
            throw rule.bad("id", "'" + id + "' is used by an earlier [[audit.rule]]; give each rule its own id");
        }
        String pattern = rule.required("pattern");
        checkPattern(rule, id, pattern);
        String severity = rule.string("severity", null);
        if (severity != null && !SEVERITIES.contains(severity)) {
            throw rule.bad("severity", "'" + severity + "' is not a severity; use one of "
                    + String.join(", ", SEVERITIES));
        }
        return new Config.Audit.Rule(id, pattern, rule.string("description", ""), rule.string("recommendation", null),
                severity);
    }

    /** The pattern compiles as the scanner will compile it (RE2, via re2j) and cannot match nothing. */
    private static void checkPattern(TableReader rule, String id, String pattern) {
        Pattern p;
        try {
            p = Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw rule.bad("pattern", "of rule '" + id + "' is not a valid RE2 regex: "
                    + e.getMessage().replaceAll("\\s+", " "));
        }
        if (p.matches("")) {
            throw rule.bad("pattern", "of rule '" + id + "' matches the empty string; it would report every line");
        }
    }
}
