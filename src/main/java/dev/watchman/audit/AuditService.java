package dev.watchman.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.watchman.ExitCode;
import dev.watchman.PathArgs;
import dev.watchman.Severity;
import dev.watchman.WatchmanException;
import dev.watchman.config.Config;
import dev.watchman.graph.Graph;
import dev.watchman.graph.Times;
import dev.watchman.host.HostIdentity;
import dev.watchman.pack.Mismatch;
import dev.watchman.pack.Pack;
import dev.watchman.pack.PackRule;
import dev.watchman.pack.PackService;
import dev.watchman.fs.Excludes;
import dev.watchman.snapshot.ProgressListener;
import dev.watchman.snapshot.SnapshotService;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * audit_configuration over the graph: a secret scan of a directory plus packs, recorded as
 * :ConfigAudit nodes; and the per-pack compliance check of a host. Validation (user rules, packs,
 * the directory) happens before anything is written. Secret values stay inside
 * {@link SecretScanner}: what arrives here, and so what reaches the graph, the output and the
 * logs, is path, line, rule and a salted fingerprint.
 */
public final class AuditService {
    public static final String COMPLIANT = "compliant";
    public static final String NON_COMPLIANT = "non_compliant";
    public static final String ERROR = "error";
    /** Longer lists are cut (issuesFound keeps the full count): an audit node is not a report archive. */
    static final int MAX_LISTED = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(AuditService.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Graph graph;
    private final HostIdentity host;
    private final Config config;
    private final AuditStore store;
    private final PackService packs;
    private final SnapshotService snapshots;

    /**
     * What the secret scan covered. {@code skippedAllowed}: files not read because every rule is
     * allow-listed for them; {@code allowListed}: findings suppressed by an allow-list entry (the
     * default list or the config's) in the files that were read.
     */
    public record ScanTotals(long files, long scanned, long skippedBinary, long skippedTooLarge, long skippedAllowed,
                             long allowListed, long unreadable, long bytes, long durationMs) {
    }

    /** A finding as reported: no value, only where, which rule and the salted fingerprint. */
    public record FindingView(String path, int line, String ruleId, String severity, String fingerprint,
                              String recommendation) {
    }

    /** One pack checked on one host, stored as its own :ConfigAudit. */
    public record PackCheck(String pack, String version, boolean compliant, List<Mismatch> mismatches,
                            String complianceStatus, String auditId, int recordedPaths) {
    }

    /** The result of `watchman audit DIR`; the JSON output is this record. */
    public record AuditReport(String id, String at, String hostId, String environment, String complianceStatus,
                              int issuesFound, List<String> issues, List<String> recommendations,
                              Map<String, Object> auditScope, String snapshotId, ScanTotals scan,
                              List<FindingView> findings, List<String> unreadable, List<PackCheck> packs) {
    }

    /** Uses {@code packs} and {@code snapshots} as they are; the caller has recorded the :Host. */
    public AuditService(Graph graph, HostIdentity host, Config config, PackService packs, SnapshotService snapshots) {
        this.graph = graph;
        this.host = host;
        this.config = config;
        this.packs = packs;
        this.snapshots = snapshots;
        this.store = new AuditStore(graph);
    }

    /**
     * Snapshots {@code dir}, scans every text file in it for secrets and checks the named packs (or,
     * when none are named, the packs assigned to this host), each separately, with pack paths
     * resolved under {@code fsRoot}.
     */
    public AuditReport audit(Path dir, String environment, List<String> packNames, Path fsRoot, List<String> excludes) {
        Path root = PathArgs.directory(dir, "audit DIR");
        Path packRoot = checkedRoot(fsRoot);
        Excludes excludeMatcher = Excludes.of(excludes);
        SecretScanner scanner = scanner(config.audit(), Salt.load(config.dataDir()));
        List<Pack> used = packNames.isEmpty() ? packs.assignedTo(host.id())
                : new LinkedHashSet<>(packNames).stream().map(packs::find).toList();
        packs.record(used);

        Instant at = Instant.now();
        SnapshotService.Summary snap = snapshots.snapshot(root, environment, excludes, false, ProgressListener.NONE);
        long t0 = System.nanoTime();
        TreeScan.Result scan = TreeScan.scan(scanner, root, excludeMatcher);
        long scanMs = (System.nanoTime() - t0) / 1_000_000;
        List<PackService.Check> checks = packs.evaluate(host.id(), used, packRoot, config.audit().maxFileBytes());

        String auditId = newId();
        List<AuditStore.AuditWrite> writes = new ArrayList<>();
        List<PackCheck> packChecks = new ArrayList<>();
        List<String> packIssues = new ArrayList<>();
        List<String> packRecommendations = new ArrayList<>();
        for (PackService.Check c : checks) {
            String id = newId();
            writes.add(packAudit(id, c, environment, at, packRoot, snap.snapshotId(), auditId));
            packChecks.add(packCheck(id, c));
            packIssues.addAll(issues(c));
            packRecommendations.addAll(recommendations(c));
        }
        List<String> issues = new ArrayList<>();
        scan.findings().forEach(f -> issues.add(issue(f)));
        scan.unreadable().forEach(p -> issues.add("not scanned (unreadable): " + oneLine(p)));
        issues.addAll(packIssues);
        List<String> recommendations = new ArrayList<>(recommendations(scan));
        recommendations.addAll(packRecommendations);
        boolean nonCompliant = !scan.findings().isEmpty() || packChecks.stream().anyMatch(p -> !p.compliant());
        String status = nonCompliant ? NON_COMPLIANT : scan.unreadable().isEmpty() ? COMPLIANT : ERROR;

        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("kind", ConfigAuditRow.Kind.AUDIT.label());
        scope.put("root", root.toString());
        scope.put("fsRoot", packRoot.toString());
        scope.put("packs", used.stream().map(AuditService::packId).toList());
        scope.put("packChecksums", checksums(used));
        scope.put("rules", scanner.rules().stream().map(RuleInfo::id).toList());
        scope.put("excludes", List.copyOf(excludes));
        scope.put("maxFileBytes", config.audit().maxFileBytes());
        scope.put("defaultAllowList", config.audit().defaultAllowList());
        ConfigAuditRow audit = new ConfigAuditRow(auditId, host.id(), at, environment, status, issues.size(),
                capped(issues), capped(recommendations), json(scope), ConfigAuditRow.Kind.AUDIT,
                used.stream().map(AuditService::packId).toList(), scanner.rules().stream().map(RuleInfo::id).toList(),
                packRoot.toString(), root.toString(), scan.scanned(), scan.bytes(), (long) scan.findings().size(),
                (long) scan.unreadable().size(), null, null, null, snap.snapshotId(), snap.snapshotId(), null);
        List<FindingRow> findingRows = scan.findings().stream().map(f -> FindingRow.of(host.id(), f)).toList();
        writes.add(0, new AuditStore.AuditWrite(audit, findingRows, List.of()));
        store.write(writes, at);

        ScanTotals totals = new ScanTotals(scan.files(), scan.scanned(), scan.binary(), scan.tooLarge(), scan.allowed(),
                scan.allowListed(), scan.unreadable().size(), scan.bytes(), scanMs);
        LOG.info("audit {} of {}: {}; {} files scanned ({} bytes) in {} ms, {} findings, {} unreadable, {} pack(s)",
                auditId, root, status, scan.scanned(), scan.bytes(), scanMs, scan.findings().size(),
                scan.unreadable().size(), used.size());
        return new AuditReport(auditId, Times.utc(at).toString(), host.id(), environment, status, issues.size(), capped(issues),
                capped(recommendations), scope, snap.snapshotId(), totals,
                scan.findings().stream().map(AuditService::view).toList(), scan.unreadable(), packChecks);
    }

    /**
     * Checks a host against each of its assigned packs separately and stores one :ConfigAudit per
     * pack. Only this machine can be checked: the files live here.
     *
     * @param hostRef id or name, null for this machine
     */
    public List<PackCheck> compliance(String hostRef, String environment, Path fsRoot) {
        Path packRoot = checkedRoot(fsRoot);
        PackService.HostRef target = hostRef == null ? new PackService.HostRef(host.id(), host.name())
                : packs.resolveHost(hostRef);
        if (!target.id().equals(host.id())) {
            throw new WatchmanException(ExitCode.REFUSED, "host '" + hostRef + "' (" + target.id()
                    + ") is not this machine (" + host.id() + "); its files can only be checked there: "
                    + "run watchman compliance on it");
        }
        List<Pack> assigned = packs.assignedTo(target.id());
        if (assigned.isEmpty()) {
            throw new WatchmanException(ExitCode.REFUSED, "no packs are assigned to host " + target.name()
                    + "; assign one with: watchman packs assign " + target.name() + " linux-baseline");
        }
        packs.record(assigned);
        Instant at = Instant.now();
        List<AuditStore.AuditWrite> writes = new ArrayList<>();
        List<PackCheck> out = new ArrayList<>();
        for (PackService.Check c : packs.evaluate(target.id(), assigned, packRoot, config.audit().maxFileBytes())) {
            String id = newId();
            writes.add(packAudit(id, c, environment, at, packRoot, null, null));
            out.add(packCheck(id, c));
            LOG.info("compliance of {} with pack {} {}: {} ({} mismatches)", target.id(), c.pack().name(),
                    c.pack().version(), c.result().compliant() ? COMPLIANT : NON_COMPLIANT, c.result().mismatches().size());
        }
        store.write(writes, at);
        return out;
    }

    static SecretScanner scanner(Config.Audit audit, byte[] salt) {
        List<SecretRule> rules = audit.rules().stream()
                .map(r -> new SecretRule(r.id(), r.pattern(), r.description(), r.recommendation(),
                        Severity.parse(r.severity()))).toList();
        List<AllowEntry> allow = audit.allow().stream().map(a -> new AllowEntry(a.path(), a.rule())).toList();
        SecretScanner.Builder b = SecretScanner.builder(salt).userRules(rules).allow(allow)
                .maxFileSize(audit.maxFileBytes());
        if (!audit.defaultAllowList()) {
            b.withoutDefaultAllowList();
        }
        return b.build();
    }

    private AuditStore.AuditWrite packAudit(String id, PackService.Check c, String environment, Instant at,
                                            Path fsRoot, String snapshotId, String partOf) {
        Pack p = c.pack();
        List<String> rules = p.rules().stream().map(PackRule::id).toList();
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("kind", ConfigAuditRow.Kind.PACK.label());
        scope.put("fsRoot", fsRoot.toString());
        scope.put("packs", List.of(packId(p)));
        scope.put("packChecksums", checksums(List.of(p)));
        scope.put("rules", rules);
        scope.put("recordedPaths", c.recordedPaths());
        String status = c.result().compliant() ? COMPLIANT : NON_COMPLIANT;
        ConfigAuditRow audit = new ConfigAuditRow(id, host.id(), at, environment, status,
                c.result().mismatches().size(), capped(issues(c)), capped(recommendations(c)), json(scope),
                ConfigAuditRow.Kind.PACK, List.of(packId(p)), rules, fsRoot.toString(), null, null, null, null, null,
                p.name(), p.version(), p.sha256(), null, snapshotId, partOf);
        Map<String, Severity> severity = new HashMap<>();
        p.rules().forEach(r -> severity.put(r.id(), r.severity()));
        List<MismatchRow> rows = new ArrayList<>();
        int n = 0;
        for (Mismatch m : c.result().mismatches()) {
            rows.add(MismatchRow.of(id, ++n, m, severity.get(m.rule())));
        }
        return new AuditStore.AuditWrite(audit, List.of(), rows);
    }

    private static PackCheck packCheck(String id, PackService.Check c) {
        return new PackCheck(c.pack().name(), c.pack().version(), c.result().compliant(), c.result().mismatches(),
                c.result().compliant() ? COMPLIANT : NON_COMPLIANT, id, c.recordedPaths());
    }

    private static FindingView view(Finding f) {
        return new FindingView(f.path(), f.line(), f.ruleId(), f.severity().label(), f.fingerprint(), f.recommendation());
    }

    static String issue(Finding f) {
        return "secret " + f.ruleId() + " (" + f.severity().label() + ") at " + oneLine(f.path()) + ":" + f.line()
                + ", fingerprint " + f.fingerprint();
    }

    private static List<String> issues(PackService.Check c) {
        List<String> out = new ArrayList<>();
        for (Mismatch m : c.result().mismatches()) {
            out.add("pack " + c.pack().name() + ": rule " + m.rule() + " on " + oneLine(m.path()) + ": expected "
                    + oneLine(m.expected()) + ", actual " + oneLine(m.actual()));
        }
        return out;
    }

    /** One line per mismatched rule: what to make true, and why when the pack says. */
    private static List<String> recommendations(PackService.Check c) {
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
    private static List<String> recommendations(TreeScan.Result scan) {
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

    private static Path checkedRoot(Path fsRoot) {
        return PathArgs.directory(fsRoot, "--root");
    }

    private static Map<String, String> checksums(List<Pack> packs) {
        Map<String, String> out = new LinkedHashMap<>();
        packs.forEach(p -> out.put(p.name(), p.sha256()));
        return out;
    }

    private static String packId(Pack p) {
        return p.name() + "@" + p.version();
    }

    private static String newId() {
        return "audit-" + UUID.randomUUID();
    }

    static List<String> capped(List<String> items) {
        if (items.size() <= MAX_LISTED) {
            return List.copyOf(items);
        }
        List<String> out = new ArrayList<>(items.subList(0, MAX_LISTED - 1));
        out.add("… and " + (items.size() - MAX_LISTED + 1) + " more");
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

    private static String json(Map<String, Object> m) {
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render audit scope: " + e.getMessage(), e);
        }
    }
}
