package dev.watchman.audit;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.watchman.ExitCode;
import dev.watchman.Severity;
import dev.watchman.WatchmanException;
import dev.watchman.config.Config;
import dev.watchman.fs.FileStat;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds clear-text secrets in config text. Thread-safe and immutable once built; one instance can
 * scan a whole tree from several threads.
 *
 * <p>Secret values never leave this class: a {@link Finding} carries a salted fingerprint only, and
 * nothing here logs or puts matched text into an exception.
 */
public final class SecretScanner {
    /** Config files are small; anything above this is a log, a dump or a database. */
    public static final long DEFAULT_MAX_FILE_SIZE = Config.Audit.DEFAULT_MAX_FILE_BYTES;
    /** Private keys that live where they are meant to (their modes are checked by packs). */
    public static final List<AllowEntry> DEFAULT_ALLOW_LIST = List.of(
            new AllowEntry("/etc/ssh/ssh_host_*_key", "private-key"),
            new AllowEntry("/etc/ssl/private/**", "private-key"),
            // Debian's stock openssl.cnf carries the public "Insta Demo CA" test passphrase.
            new AllowEntry("/etc/ssl/openssl.cnf", "password-assignment"));
    private static final int BINARY_PROBE = 8192;

    private final List<Rule> rules;
    private final List<CompiledAllow> allow;
    private final Fingerprints fingerprints;
    private final long maxFileSize;

    private record CompiledAllow(PathMatcher matcher, String ruleId) {
    }

    private SecretScanner(List<Rule> rules, List<CompiledAllow> allow, Fingerprints fingerprints, long maxFileSize) {
        this.rules = rules;
        this.allow = allow;
        this.fingerprints = fingerprints;
        this.maxFileSize = maxFileSize;
    }

    /** @param salt installation secret for the fingerprints; must not be empty */
    public static Builder builder(byte[] salt) {
        return new Builder(salt);
    }

    /** Built-in rules first (in precedence order), then user rules. */
    public List<RuleInfo> rules() {
        return rules.stream()
                .map(r -> new RuleInfo(r.id(), r.description(), r.recommendation(), r.severity(), r.builtin()))
                .toList();
    }

    public List<Finding> scan(String displayPath, String text) {
        return scan(displayPath, text, null);
    }

    /** What a text yields: the findings, and how many more an allow-list entry suppressed. */
    record Scanned(List<Finding> findings, int allowListed) {
    }

    /** Reads the whole reader (config files are small); an I/O failure propagates. */
    public List<Finding> scan(String displayPath, Reader reader) throws IOException {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[8192];
        int n;
        while ((n = reader.read(buf)) > 0) {
            sb.append(buf, 0, n);
        }
        return scan(displayPath, sb.toString(), null);
    }

    public FileScan scanFile(Path file) throws IOException {
        return scanFile(file, file.toString());
    }

    /**
     * Scans a real file. Binary files (a NUL in the first 8 KiB) and files over the size cap are
     * skipped and say so; an unreadable file throws, because "no findings" would be a lie.
     * The file mode feeds the recommendation: a secret in a group/world-readable file also needs
     * the mode tightened.
     */
    public FileScan scanFile(Path file, String displayPath) throws IOException {
        Set<String> suppressed = suppressedRules(displayPath);
        if (suppressed.size() == rules.size()) {
            return new FileScan(displayPath, FileScan.Status.SKIPPED_ALLOWED, List.of());
        }
        Integer mode = null;
        long size;
        try {
            FileStat st = FileStat.stat(file);
            mode = st.mode() & 0777;
            size = st.size();
        } catch (UnsupportedOperationException e) {
            size = Files.size(file);
        }
        if (size > maxFileSize) {
            return new FileScan(displayPath, FileScan.Status.SKIPPED_TOO_LARGE, List.of());
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // Bounded read: the file may have grown since stat.
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxFileSize + 1));
        }
        if (bytes.length > maxFileSize) {
            return new FileScan(displayPath, FileScan.Status.SKIPPED_TOO_LARGE, List.of());
        }
        for (int i = 0, n = Math.min(bytes.length, BINARY_PROBE); i < n; i++) {
            if (bytes[i] == 0) {
                return new FileScan(displayPath, FileScan.Status.SKIPPED_BINARY, List.of());
            }
        }
        // Malformed UTF-8 (a Latin-1 config) is replaced, not fatal: the rules are ASCII.
        String text = new String(bytes, StandardCharsets.UTF_8);
        Scanned scanned = scan(displayPath, text, mode, suppressed);
        return new FileScan(displayPath, FileScan.Status.SCANNED, scanned.findings(), scanned.allowListed());
    }

    /** @param mode permission bits of the file holding the text, or null when unknown */
    List<Finding> scan(String displayPath, String text, Integer mode) {
        return scanCounting(displayPath, text, mode).findings();
    }

    /** As {@link #scan(String, String)}, also counting the findings an allow-list entry suppressed. */
    Scanned scanCounting(String displayPath, String text, Integer mode) {
        return scan(displayPath, text, mode, suppressedRules(displayPath));
    }

    private Scanned scan(String displayPath, String text, Integer mode, Set<String> suppressed) {
        Lines lines = new Lines(text);
        List<Rule.Hit> hits = new ArrayList<>();
        List<Integer> ruleOf = new ArrayList<>();
        for (int r = 0; r < rules.size(); r++) {
            Rule rule = rules.get(r);
            BitSet candidates = lines.linesContaining(rule.keywords());
            for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
                int before = hits.size();
                rule.detector().detect(lines, i, hits);
                for (int k = before; k < hits.size(); k++) {
                    ruleOf.add(r);
                }
            }
        }
        // Hits arrive in rule precedence order; a later rule never re-reports characters an
        // earlier one already claimed (a PEM block claims all its lines).
        Map<Integer, List<int[]>> claimed = new HashMap<>();
        List<Finding> findings = new ArrayList<>();
        List<int[]> order = new ArrayList<>();
        int allowListed = 0;
        for (int k = 0; k < hits.size(); k++) {
            Rule.Hit h = hits.get(k);
            if (h.value().isEmpty() || overlaps(claimed, h)) {
                continue;
            }
            claim(claimed, h);
            Rule rule = rules.get(ruleOf.get(k));
            // Allow-listing happens after precedence: an allowed GitHub token in a file must not
            // resurface as a generic token finding for the same characters.
            if (suppressed.contains(rule.id())) {
                allowListed++;
                continue;
            }
            Severity severity = h.severityOverride() != null ? h.severityOverride() : rule.severity();
            findings.add(new Finding(displayPath, h.line() + 1, rule.id(), severity, fingerprints.of(h.value()),
                    rule.description(), recommendation(rule, mode)));
            order.add(new int[] {h.line(), h.start()});
        }
        List<Integer> idx = new ArrayList<>();
        for (int k = 0; k < findings.size(); k++) {
            idx.add(k);
        }
        idx.sort(Comparator.<Integer>comparingInt(k -> order.get(k)[0]).thenComparingInt(k -> order.get(k)[1]));
        return new Scanned(idx.stream().map(findings::get).toList(), allowListed);
    }

    private static boolean overlaps(Map<Integer, List<int[]>> claimed, Rule.Hit h) {
        for (int line = h.line(); line <= h.lastLine(); line++) {
            int start = line == h.line() ? h.start() : 0;
            int end = line == h.line() && h.lastLine() == h.line() ? h.end() : Integer.MAX_VALUE;
            for (int[] span : claimed.getOrDefault(line, List.of())) {
                if (start < span[1] && span[0] < end) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void claim(Map<Integer, List<int[]>> claimed, Rule.Hit h) {
        for (int line = h.line(); line <= h.lastLine(); line++) {
            int start = line == h.line() ? h.start() : 0;
            int end = line == h.line() && h.lastLine() == h.line() ? h.end() : Integer.MAX_VALUE;
            claimed.computeIfAbsent(line, x -> new ArrayList<>()).add(new int[] {start, end});
        }
    }

    private static String recommendation(Rule rule, Integer mode) {
        if (mode != null && (mode & 0044) != 0) {
            return rule.recommendation() + "; tighten the file mode to 0600 (it is "
                    + String.format("%04o", mode & 07777) + ", readable by group or others)";
        }
        return rule.recommendation();
    }

    private Set<String> suppressedRules(String displayPath) {
        if (allow.isEmpty()) {
            return Set.of();
        }
        Path p = Path.of(displayPath);
        Set<String> out = new HashSet<>();
        for (CompiledAllow a : allow) {
            if (a.matcher().matches(p)) {
                if (a.ruleId() == null) {
                    rules.forEach(r -> out.add(r.id()));
                } else {
                    out.add(a.ruleId());
                }
            }
        }
        return out;
    }

    /** Validates everything once, failing with one line naming the rule or entry at fault. */
    public static final class Builder {
        private final byte[] salt;
        private final List<SecretRule> userRules = new ArrayList<>();
        private final List<AllowEntry> allowEntries = new ArrayList<>();
        private boolean defaultAllowList = true;
        private long maxFileSize = DEFAULT_MAX_FILE_SIZE;

        private Builder(byte[] salt) {
            this.salt = salt == null ? null : salt.clone();
        }

        public Builder userRules(List<SecretRule> rules) {
            userRules.addAll(rules);
            return this;
        }

        public Builder allow(List<AllowEntry> entries) {
            allowEntries.addAll(entries);
            return this;
        }

        /** Drops {@link #DEFAULT_ALLOW_LIST} (host keys and /etc/ssl/private are then reported). */
        public Builder withoutDefaultAllowList() {
            defaultAllowList = false;
            return this;
        }

        public Builder maxFileSize(long bytes) {
            if (bytes <= 0) {
                throw new WatchmanException(ExitCode.USAGE, "secret scan: max file size must be positive, got " + bytes);
            }
            maxFileSize = bytes;
            return this;
        }

        public SecretScanner build() {
            if (salt == null || salt.length == 0) {
                throw new WatchmanException(ExitCode.USAGE, "secret scan: the fingerprint salt must not be empty");
            }
            List<Rule> rules = new ArrayList<>(BuiltinRules.all());
            Set<String> ids = new HashSet<>();
            rules.forEach(r -> ids.add(r.id()));
            for (SecretRule u : userRules) {
                rules.add(compile(u, ids));
            }
            List<CompiledAllow> allow = new ArrayList<>();
            List<AllowEntry> entries = new ArrayList<>(allowEntries);
            if (defaultAllowList) {
                entries.addAll(DEFAULT_ALLOW_LIST);
            }
            for (AllowEntry a : entries) {
                allow.add(compile(a, ids));
            }
            return new SecretScanner(List.copyOf(rules), List.copyOf(allow), new Fingerprints(salt), maxFileSize);
        }

        private static Rule compile(SecretRule u, Set<String> ids) {
            if (u.id() == null || u.id().isBlank()) {
                throw new WatchmanException(ExitCode.USAGE, "secret rule: every rule needs an id");
            }
            String id = u.id().trim();
            if (!ids.add(id)) {
                throw new WatchmanException(ExitCode.USAGE, "secret rule '" + id + "': duplicate rule id (built-in ids are reserved)");
            }
            if (u.regex() == null || u.regex().isEmpty()) {
                throw new WatchmanException(ExitCode.USAGE, "secret rule '" + id + "': missing regex");
            }
            Pattern p;
            try {
                p = Pattern.compile(u.regex());
            } catch (PatternSyntaxException e) {
                throw new WatchmanException(ExitCode.USAGE, "secret rule '" + id + "': invalid regex: " + e.getMessage());
            }
            if (p.matches("")) {
                throw new WatchmanException(ExitCode.USAGE, "secret rule '" + id + "': regex matches the empty string");
            }
            String description = u.description() == null || u.description().isBlank() ? "user rule " + id : u.description();
            String recommendation = u.recommendation() == null || u.recommendation().isBlank()
                    ? BuiltinRules.MOVE : u.recommendation();
            Severity severity = u.severity() == null ? Severity.HIGH : u.severity();
            int groups = p.groupCount();
            int[] valueGroups = new int[Math.max(1, groups)];
            for (int g = 0; g < valueGroups.length; g++) {
                valueGroups[g] = groups == 0 ? 0 : g + 1;
            }
            Rule.Detector detector = (text, i, out) -> {
                String line = text.line(i);
                Matcher m = p.matcher(line);
                while (m.find()) {
                    int g = BuiltinRules.firstMatched(m, valueGroups);
                    if (g >= 0 && m.end(g) > m.start(g) && !Values.isNonSecret(m.group(g))) {
                        out.add(new Rule.Hit(i, m.start(g), m.end(g), m.group(g)));
                    }
                }
            };
            return new Rule(id, description, recommendation, severity, false, List.of(), detector);
        }

        private static CompiledAllow compile(AllowEntry a, Set<String> ids) {
            if (a.pathGlob() == null || a.pathGlob().isBlank()) {
                throw new WatchmanException(ExitCode.USAGE, "secret allow-list: an entry needs a path glob");
            }
            String rule = a.coversAllRules() ? null : a.ruleId().trim();
            if (rule != null && !ids.contains(rule)) {
                throw new WatchmanException(ExitCode.USAGE,
                        "secret allow-list entry '" + a.pathGlob() + "': unknown rule id '" + rule + "'");
            }
            try {
                return new CompiledAllow(FileSystems.getDefault().getPathMatcher("glob:" + a.pathGlob()), rule);
            } catch (IllegalArgumentException e) {
                throw new WatchmanException(ExitCode.USAGE,
                        "secret allow-list entry '" + a.pathGlob() + "': invalid path glob: " + e.getMessage());
            }
        }
    }
}
