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
import dev.watchman.source.Source;
import dev.watchman.source.SourceRun;
import dev.watchman.pack.Mismatch;
import dev.watchman.pack.Pack;
import dev.watchman.pack.PackRule;
import dev.watchman.pack.PackService;
import dev.watchman.fs.Excludes;
import dev.watchman.snapshot.ProgressListener;
import dev.watchman.snapshot.SnapshotService;
import java.io.IOException;
import java.io.UncheckedIOException;
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
        SourceRun.Result<AuditParsed> run = SourceRun.run(new Source<AuditScanned, AuditParsed>() {
            @Override
            public String name() {
                return "audit " + root;
            }

            /** The tree's text files through the secret scanner, and the packs' files. */
            @Override
            public AuditScanned scan() {
                long t0 = System.nanoTime();
                TreeScan.Result scan = TreeScan.scan(scanner, root, excludeMatcher);
                long scanMs = (System.nanoTime() - t0) / 1_000_000;
                return new AuditScanned(scan, scanMs,
                        packs.evaluate(host.id(), used, packRoot, config.audit().maxFileBytes()));
            }

            @Override
            public AuditParsed parse(AuditScanned s) {
                return auditRows(s, root, packRoot, used, scanner, environment, excludes, at, snap.snapshotId());
            }

            @Override
            public void write(AuditParsed p) {
                store.write(p.writes(), at);
            }

            /** Nothing: audits are a history, a later one does not make an earlier one stale. */
            @Override
            public void markStale(AuditParsed p) {
            }
        });
        AuditParsed parsed = run.parsed();
        TreeScan.Result scan = parsed.scanned().scan();
        long scanMs = parsed.scanned().scanMs();
        String auditId = parsed.auditId();
        String status = parsed.status();
        List<String> issues = parsed.issues();
        List<String> recommendations = parsed.recommendations();
        Map<String, Object> scope = parsed.scope();
        List<PackCheck> packChecks = parsed.packChecks();

        ScanTotals totals = new ScanTotals(scan.files(), scan.scanned(), scan.binary(), scan.tooLarge(), scan.allowed(),
                scan.allowListed(), scan.unreadable().size(), scan.bytes(), scanMs);
        LOG.info("audit {} of {}: {}; {} files scanned ({} bytes) in {} ms, {} findings, {} unreadable, {} pack(s)",
                auditId, root, status, scan.scanned(), scan.bytes(), scanMs, scan.findings().size(),
                scan.unreadable().size(), used.size());
        return new AuditReport(auditId, Times.utc(at).toString(), host.id(), environment, status, issues.size(), AuditText.capped(issues),
                AuditText.capped(recommendations), scope, snap.snapshotId(), totals,
                scan.findings().stream().map(AuditService::view).toList(), scan.unreadable(), packChecks);
    }

    /** What the audit's scan read: the secret scan of the tree and each pack's check. */
    private record AuditScanned(TreeScan.Result scan, long scanMs, List<PackService.Check> checks) {
    }

    /** The audit's rows and what its report says. */
    private record AuditParsed(AuditScanned scanned, String auditId, String status, List<String> issues,
                               List<String> recommendations, Map<String, Object> scope, List<PackCheck> packChecks,
                               List<AuditStore.AuditWrite> writes) {
    }

    /** Parse: the audit's :ConfigAudit with its findings, one pack :ConfigAudit per pack, the report's lines. */
    private AuditParsed auditRows(AuditScanned scanned, Path root, Path packRoot, List<Pack> used,
                                  SecretScanner scanner, String environment, List<String> excludes, Instant at,
                                  String snapshotId) {
        TreeScan.Result scan = scanned.scan();
        List<PackService.Check> checks = scanned.checks();
        String auditId = newId();
        List<AuditStore.AuditWrite> writes = new ArrayList<>();
        List<PackCheck> packChecks = new ArrayList<>();
        List<String> packIssues = new ArrayList<>();
        List<String> packRecommendations = new ArrayList<>();
        for (PackService.Check c : checks) {
            String id = newId();
            writes.add(packAudit(id, host.id(), c, environment, at, packRoot, snapshotId, auditId));
            packChecks.add(packCheck(id, c));
            packIssues.addAll(AuditText.issues(c));
            packRecommendations.addAll(AuditText.recommendations(c));
        }
        List<String> issues = new ArrayList<>();
        scan.findings().forEach(f -> issues.add(AuditText.issue(f)));
        scan.unreadable().forEach(p -> issues.add("not scanned (unreadable): " + AuditText.oneLine(p)));
        issues.addAll(packIssues);
        List<String> recommendations = new ArrayList<>(AuditText.recommendations(scan));
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
                AuditText.capped(issues), AuditText.capped(recommendations), json(scope), ConfigAuditRow.Kind.AUDIT,
                used.stream().map(AuditService::packId).toList(), scanner.rules().stream().map(RuleInfo::id).toList(),
                packRoot.toString(), root.toString(), scan.scanned(), scan.bytes(), (long) scan.findings().size(),
                (long) scan.unreadable().size(), null, null, null, snapshotId, snapshotId, null);
        List<FindingRow> findingRows = scan.findings().stream().map(f -> FindingRow.of(host.id(), f)).toList();
        writes.add(0, new AuditStore.AuditWrite(audit, findingRows, List.of()));
        return new AuditParsed(scanned, auditId, status, issues, recommendations, scope, packChecks, writes);
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
        return checkPacks(target, environment, packRoot, Instant.now(),
                () -> packs.evaluate(target.id(), assigned, packRoot, config.audit().maxFileBytes()));
    }

    /** How a host's pack checks are had: evaluated here on disk, or (the fleet) fetched from the host. */
    @FunctionalInterface
    public interface PackScan {
        List<PackService.Check> scan() throws IOException;
    }

    /**
     * Runs {@code scan} (the packs evaluated against {@code target}'s files) and records one pack
     * :ConfigAudit per pack, at {@code at}; the drift check and `watchman compliance` both come here.
     * A scan that fails records nothing.
     */
    public List<PackCheck> checkPacks(PackService.HostRef target, String environment, Path packRoot, Instant at,
                                      PackScan scan) {
        record Parsed(List<AuditStore.AuditWrite> writes, List<PackCheck> checks) {
        }
        Parsed parsed = SourceRun.run(new Source<List<PackService.Check>, Parsed>() {
            @Override
            public String name() {
                return "compliance " + target.id();
            }

            /** The files each pack names, as they are under the pack root. */
            @Override
            public List<PackService.Check> scan() {
                try {
                    return scan.scan();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public Parsed parse(List<PackService.Check> checks) {
                List<AuditStore.AuditWrite> writes = new ArrayList<>();
                List<PackCheck> out = new ArrayList<>();
                for (PackService.Check c : checks) {
                    String id = newId();
                    writes.add(packAudit(id, target.id(), c, environment, at, packRoot, null, null));
                    out.add(packCheck(id, c));
                }
                return new Parsed(writes, out);
            }

            @Override
            public void write(Parsed p) {
                store.write(p.writes(), at);
            }

            /** Nothing: each pack check is kept as history. */
            @Override
            public void markStale(Parsed p) {
            }
        }).parsed();
        for (PackCheck c : parsed.checks()) {
            LOG.info("compliance of {} with pack {} {}: {} ({} mismatches)", target.id(), c.pack(), c.version(),
                    c.complianceStatus(), c.mismatches().size());
        }
        return parsed.checks();
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

    private AuditStore.AuditWrite packAudit(String id, String hostId, PackService.Check c, String environment,
                                            Instant at, Path fsRoot, String snapshotId, String partOf) {
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
        ConfigAuditRow audit = new ConfigAuditRow(id, hostId, at, environment, status,
                c.result().mismatches().size(), AuditText.capped(AuditText.issues(c)), AuditText.capped(AuditText.recommendations(c)), json(scope),
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

    private static String json(Map<String, Object> m) {
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render audit scope: " + e.getMessage(), e);
        }
    }
}
