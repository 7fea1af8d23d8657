package dev.watchman.snapshot;

import dev.watchman.Sha256;
import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import dev.watchman.graph.Graph;
import dev.watchman.host.HostIdentity;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * create_snapshot and detect_drift over the graph. A snapshot writes only what changed since the
 * root's previous one: new :FileVersion nodes for new or changed files, closed intervals for
 * changed or removed ones, so history grows with change, not with time.
 */
public final class SnapshotService {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SnapshotService.class);
    private final Graph graph;
    private final SnapshotStore store;
    private final HostIdentity host;
    private final StateCache cache;

    /** What {@code watchman snapshot} reports. */
    public record Summary(String snapshotId, String root, String environment, long seq, boolean complete,
                          boolean fullyRead, long totalFiles, long totalBytes, long hashedFiles, long reusedFiles,
                          long unreadable, long vanished, long durationMs, int added, int removed, int modified,
                          String createdAt) {
    }

    /** A stored snapshot. */
    public record Info(String id, String hostId, String rootId, String root, String environment, long seq,
                       boolean complete, List<String> excludes, long rootLastSeq) {
    }

    public SnapshotService(Graph graph, HostIdentity host, Path dataDir) {
        this.graph = graph;
        this.store = new SnapshotStore(graph);
        this.host = host;
        this.cache = new StateCache(dataDir);
    }

    public Summary snapshot(Path dir, String environment, List<String> excludes, boolean fullRehash,
                            ProgressListener progress) {
        Path root = dir.toAbsolutePath().normalize();
        String rootPath = root.toString();
        String rootId = host.id() + ":" + rootPath;
        String rootKey = key(rootId);
        ExcludeMatcher.of(excludes); // a bad glob or root fails before anything is written
        Scanner.checkRoot(root);
        Instant started = Instant.now();
        Map<String, Object> begun = store.begin(host.id(), rootId, rootPath, rootKey, environment, excludes, started);
        String snapshotId = (String) begun.get("id");
        long seq = ((Number) begun.get("seq")).longValue();
        long previousSeq = ((Number) begun.get("previousSeq")).longValue();
        long lastCompleteSeq = ((Number) begun.get("lastCompleteSeq")).longValue();

        // The state the graph holds now: from the local cache when it is exactly that, else from the graph.
        Map<String, ScannedEntry> previous = Map.of();
        PriorLookup prior = PriorLookup.NONE;
        StateCache.State cached = cache.read(rootKey, rootId);
        if (cached != null && cached.seq() == previousSeq) {
            previous = cached.entries();
            prior = PriorLookup.of(previous.values(), cached.scanStartedAt());
        } else if (previousSeq > 0) {
            previous = store.stateAt(rootId, previousSeq);
            Object last = begun.get("lastScanStartedAt");
            if (last instanceof ZonedDateTime z) {
                prior = PriorLookup.of(previous.values(), z.toInstant());
            }
        }
        ScanOptions opts = ScanOptions.defaults().withExcludes(excludes).withFullRehash(fullRehash)
                .withPrior(fullRehash ? PriorLookup.NONE : prior).withProgress(progress);
        long t0 = System.nanoTime();
        ScanResult scan = new Scanner().scan(root, opts);
        long t1 = System.nanoTime();
        Map<String, ScannedEntry> now = scan.byPath();
        Drift drift = DriftCalculator.between(previous, now);
        long t2 = System.nanoTime();

        List<String> written = new ArrayList<>(drift.added());
        drift.modified().forEach(m -> written.add(m.path()));
        // Rows are made per batch as the driver sends them: a first snapshot of a large tree
        // would otherwise hold every row's map at once.
        List<Map<String, Object>> fileRows = new java.util.AbstractList<>() {
            @Override
            public Map<String, Object> get(int i) {
                String p = written.get(i);
                return SnapshotStore.fileRow(fileId(rootPath, p), absolute(rootPath, p), now.get(p));
            }

            @Override
            public int size() {
                return written.size();
            }
        };
        List<Map<String, Object>> removedRows = new ArrayList<>();
        for (String p : drift.removed()) {
            removedRows.add(Map.of("fileId", fileId(rootPath, p)));
        }
        List<Map<String, Object>> touchRows = new ArrayList<>();
        java.util.Set<String> changed = new java.util.HashSet<>(written);
        for (ScannedEntry e : now.values()) {
            ScannedEntry b = previous.get(e.path());
            if (b != null && !changed.contains(e.path()) && (b.mtimeNanos() != e.mtimeNanos()
                    || b.ctimeNanos() != e.ctimeNanos() || b.inode() != e.inode() || b.dev() != e.dev())) {
                touchRows.add(SnapshotStore.touchRow(fileId(rootPath, e.path()), e));
            }
        }
        store.writeFiles(host.id(), rootId, seq, fileRows);
        store.writeRemoved(seq, removedRows);
        store.touch(touchRows);
        if (lastCompleteSeq > 0) {
            store.writeEvents(snapshotId, Instant.now(), eventRows(snapshotId, rootPath, drift));
        }
        long t3 = System.nanoTime();
        LOG.debug("snapshot {}: begin + prior state {} ms, scan {} ms, diff {} ms, graph write {} ms "
                        + "({} files, {} removed, {} touched)", snapshotId,
                java.time.Duration.between(started, Instant.now()).toMillis() - (t3 - t0) / 1_000_000,
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, fileRows.size(),
                removedRows.size(), touchRows.size());
        long durationMs = java.time.Duration.between(started, Instant.now()).toMillis();
        ScanResult.Totals t = scan.totals();
        Map<String, Object> fin = new HashMap<>();
        fin.put("snapshotId", snapshotId);
        fin.put("rootId", rootId);
        fin.put("seq", seq);
        fin.put("scanStartedAt", SnapshotStore.utc(scan.startedAt()));
        fin.put("completedAt", SnapshotStore.utc(Instant.now()));
        fin.put("totalFiles", t.files());
        fin.put("totalBytes", t.bytes());
        fin.put("durationMs", durationMs);
        fin.put("hashedFiles", t.hashedFiles());
        fin.put("reusedFiles", t.reused());
        fin.put("unreadable", t.unreadable());
        fin.put("complete", true);
        store.finish(fin);
        cache.write(rootKey, new StateCache.State(rootId, seq, scan.startedAt(), now));
        return new Summary(snapshotId, rootPath, environment, seq, true, scan.complete(), t.files(), t.bytes(),
                t.hashedFiles(), t.reused(), t.unreadable(), t.vanished(), durationMs, drift.added().size(),
                drift.removed().size(), drift.modified().size(), SnapshotStore.utc(started).toString());
    }

    /** detect_drift: the directory as it is now against stored snapshot {@code id}. */
    public Drift driftAgainstDir(String id, Path dir, List<String> excludes, boolean fullRehash,
                                 ProgressListener progress) {
        Info info = usable(id);
        Path root = dir.toAbsolutePath().normalize();
        List<String> effective = union(info.excludes(), excludes);
        String rootKey = key(info.rootId());
        StateCache.State cached = cache.read(rootKey, info.rootId());
        Map<String, ScannedEntry> then;
        if (cached != null && cached.seq() == info.seq()) {
            then = cached.entries();
        } else if (cached != null && cached.seq() == info.rootLastSeq()) {
            // The cache is the latest state: patch it back to the snapshot with the interval query.
            then = new HashMap<>(cached.entries());
            for (SnapshotStore.Change c : store.changedBetween(info.rootId(), info.seq(), cached.seq())) {
                if (c.before() == null) {
                    then.remove(c.path());
                } else {
                    then.put(c.path(), c.before());
                }
            }
        } else {
            then = store.stateAt(info.rootId(), info.seq());
        }
        PriorLookup prior = cached != null && root.toString().equals(info.root()) && !fullRehash
                ? PriorLookup.of(cached.entries().values(), cached.scanStartedAt()) : PriorLookup.NONE;
        ScanResult scan = new Scanner().scan(root, ScanOptions.defaults().withExcludes(effective)
                .withFullRehash(fullRehash).withPrior(prior).withProgress(progress));
        return DriftCalculator.between(excluding(then, effective), scan.byPath());
    }

    /** Drift between two stored snapshots of one root, from the interval query alone. */
    public Drift driftBetween(String fromId, String toId, List<String> excludes) {
        Info from = usable(fromId);
        Info to = usable(toId);
        if (!from.rootId().equals(to.rootId())) {
            throw new WatchmanException(ExitCode.USAGE, "snapshots " + fromId + " (" + from.root() + ") and " + toId
                    + " (" + to.root() + ") are of different roots or hosts; compare snapshots of one root");
        }
        boolean forward = from.seq() <= to.seq();
        long lo = Math.min(from.seq(), to.seq());
        long hi = Math.max(from.seq(), to.seq());
        Map<String, ScannedEntry> before = new TreeMap<>();
        Map<String, ScannedEntry> after = new TreeMap<>();
        for (SnapshotStore.Change c : store.changedBetween(from.rootId(), lo, hi)) {
            ScannedEntry b = forward ? c.before() : c.after();
            ScannedEntry a = forward ? c.after() : c.before();
            if (b != null) {
                before.put(c.path(), b);
            }
            if (a != null) {
                after.put(c.path(), a);
            }
        }
        List<String> effective = union(union(from.excludes(), to.excludes()), excludes);
        return DriftCalculator.between(excluding(before, effective), excluding(after, effective));
    }

    public Info info(String id) {
        Map<String, Object> r = store.get(id);
        if (r == null) {
            throw new WatchmanException(ExitCode.NOT_FOUND, "unknown snapshot id '" + id
                    + "'; list them with: watchman snapshots");
        }
        @SuppressWarnings("unchecked")
        List<String> ex = r.get("excludes") == null ? List.of() : (List<String>) r.get("excludes");
        return new Info((String) r.get("id"), (String) r.get("hostId"), (String) r.get("rootId"), (String) r.get("root"),
                (String) r.get("environment"), ((Number) r.get("seq")).longValue(), Boolean.TRUE.equals(r.get("complete")),
                ex, ((Number) r.get("lastSeq")).longValue());
    }

    public List<Map<String, Object>> list(Path root, boolean allHosts) {
        return store.list(root == null ? null : root.toAbsolutePath().normalize().toString(),
                allHosts ? null : host.id());
    }

    private Info usable(String id) {
        Info info = info(id);
        if (!info.complete()) {
            throw new WatchmanException(ExitCode.REFUSED, "snapshot " + id + " of " + info.root()
                    + " is incomplete (interrupted before it finished); take a new one with: watchman snapshot "
                    + info.root());
        }
        return info;
    }

    private List<Map<String, Object>> eventRows(String snapshotId, String rootPath, Drift drift) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String p : drift.added()) {
            rows.add(event(snapshotId, rootPath, p, "created", null, null, List.of()));
        }
        for (String p : drift.removed()) {
            rows.add(event(snapshotId, rootPath, p, "deleted", null, null, List.of()));
        }
        for (Drift.Modified m : drift.modified()) {
            rows.add(event(snapshotId, rootPath, m.path(), "modified", m.previousHash(), m.currentHash(), m.changed()));
        }
        return rows;
    }

    private Map<String, Object> event(String snapshotId, String rootPath, String rel, String type,
                                             String previousHash, String currentHash, List<String> changes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", snapshotId + ":" + key(rel));
        m.put("fileId", fileId(rootPath, rel));
        m.put("changeType", type);
        m.put("previousHash", previousHash);
        m.put("currentHash", currentHash);
        m.put("changes", changes);
        return m;
    }

    private String fileId(String rootPath, String rel) {
        return host.id() + ":" + absolute(rootPath, rel);
    }

    static String absolute(String rootPath, String rel) {
        return rootPath.endsWith("/") ? rootPath + rel : rootPath + "/" + rel;
    }

    private static Map<String, ScannedEntry> excluding(Map<String, ScannedEntry> state, List<String> globs) {
        ExcludeMatcher m = ExcludeMatcher.of(globs);
        if (m.isEmpty()) {
            return state;
        }
        Map<String, ScannedEntry> out = new HashMap<>();
        state.forEach((p, e) -> {
            if (!excludedOrUnder(m, p)) {
                out.put(p, e);
            }
        });
        return out;
    }

    /** An excluded directory prunes everything below it, exactly as the scanner does. */
    static boolean excludedOrUnder(ExcludeMatcher m, String path) {
        if (m.excludes(path)) {
            return true;
        }
        for (int i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
            if (m.excludes(path.substring(0, i))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> union(List<String> a, List<String> b) {
        LinkedHashSet<String> s = new LinkedHashSet<>(a);
        s.addAll(b);
        return List.copyOf(s);
    }

    static String key(String s) {
        return Sha256.hexPrefix(s, 5);
    }
}
