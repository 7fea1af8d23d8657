package dev.watchman.snapshot;

import dev.watchman.Sha256;
import dev.watchman.ExitCode;
import dev.watchman.PathArgs;
import dev.watchman.WatchmanException;
import dev.watchman.fs.Excludes;
import dev.watchman.graph.ConfigFileRow;
import dev.watchman.graph.FileStatus;
import dev.watchman.graph.Graph;
import dev.watchman.graph.Times;
import dev.watchman.host.HostIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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

    /**
     * What {@code watchman snapshot} reports. {@code added}, {@code removed} and {@code modified}
     * count the change events recorded against {@code comparedWith}, the last complete snapshot
     * (0 for a {@code baseline}, which records {@code entries} without events);
     * {@code previousIncomplete} names the interrupted snapshot just before, if any.
     * {@code newlyExcluded} entries are no longer tracked and {@code newlyIncluded} ones are tracked
     * from now on because the excludes changed; neither is a change event.
     */
    public record Summary(String snapshotId, String root, String environment, long seq, boolean complete,
                          boolean fullyRead, long totalFiles, long totalBytes, long hashedFiles, long reusedFiles,
                          long unreadable, long vanished, long durationMs, int added, int removed, int modified,
                          String createdAt, long entries, boolean baseline, String comparedWith,
                          String previousIncomplete, boolean excludesChanged, List<String> previousExcludes,
                          int newlyExcluded, int newlyIncluded) {
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
        Excludes.of(excludes); // a bad glob, root or data_dir fails before anything is written
        Scanner.checkRoot(root);
        cache.checkWritable();
        Instant started = Instant.now();
        SnapshotStore.Begun begun = store.begin(host.id(), rootId, rootPath, rootKey, environment, excludes, started);

        // The graph's open state: from the local cache when it is exactly that, else from the graph.
        Map<String, ScannedEntry> open = Map.of();
        PriorLookup prior = PriorLookup.NONE;
        StateCache.State cached = cache.read(rootKey, rootId);
        if (cached != null && cached.seq() == begun.previousSeq()) {
            open = cached.entries();
            prior = PriorLookup.of(open.values(), cached.scanStartedAt());
        } else if (begun.previousSeq() > 0) {
            open = store.stateAt(rootId, begun.previousSeq());
            if (begun.lastScanStartedAt() != null) {
                prior = PriorLookup.of(open.values(), begun.lastScanStartedAt());
            }
        }
        // Events are counted from the last complete snapshot, never from a half-written one.
        Map<String, ScannedEntry> base;
        if (begun.lastCompleteSeq() == 0) {
            base = null;
        } else if (begun.lastCompleteSeq() == begun.previousSeq()) {
            base = open;
        } else if (cached != null && cached.seq() == begun.lastCompleteSeq()) {
            base = cached.entries();
        } else {
            base = store.stateAt(rootId, begun.lastCompleteSeq());
        }
        ScanOptions opts = ScanOptions.defaults().withExcludes(excludes).withFullRehash(fullRehash)
                .withPrior(fullRehash ? PriorLookup.NONE : prior).withProgress(progress);
        long t0 = System.nanoTime();
        ScanResult scan = new Scanner().scan(root, opts);
        long t1 = System.nanoTime();
        Map<String, ScannedEntry> now = scan.byPath();
        ChangePlan plan = ChangePlan.of(open, base, begun.lastCompleteExcludes(), now, excludes);
        long t2 = System.nanoTime();

        List<String> written = plan.written;
        // Rows are made per batch as the driver sends them: a first snapshot of a large tree
        // would otherwise hold every row at once.
        List<ConfigFileRow> fileRows = new java.util.AbstractList<>() {
            @Override
            public ConfigFileRow get(int i) {
                String p = written.get(i);
                return SnapshotStore.fileRow(host.id(), rootId, begun.seq(), absolute(rootPath, p), now.get(p));
            }

            @Override
            public int size() {
                return written.size();
            }
        };
        List<ConfigFileRow> touchRows = new ArrayList<>();
        java.util.Set<String> changed = new java.util.HashSet<>(written);
        for (ScannedEntry e : now.values()) {
            ScannedEntry b = open.get(e.path());
            if (b != null && !changed.contains(e.path()) && (b.mtimeNanos() != e.mtimeNanos()
                    || b.ctimeNanos() != e.ctimeNanos() || b.inode() != e.inode() || b.dev() != e.dev())) {
                touchRows.add(SnapshotStore.touchRow(host.id(), absolute(rootPath, e.path()), e));
            }
        }
        store.writeFiles(fileRows);
        store.writeRemoved(host.id(), begun.seq(), FileStatus.MISSING, absolute(rootPath, plan.missing));
        store.writeRemoved(host.id(), begun.seq(), FileStatus.EXCLUDED, absolute(rootPath, plan.excluded));
        store.touch(touchRows);
        store.writeEvents(SnapshotStore.eventRows(host.id(), begun.id(), Instant.now(), plan.events,
                rel -> absolute(rootPath, rel)));
        long t3 = System.nanoTime();
        LOG.debug("snapshot {}: begin + prior state {} ms, scan {} ms, diff {} ms, graph write {} ms "
                        + "({} files, {} removed, {} excluded, {} touched, {} events)", begun.id(),
                java.time.Duration.between(started, Instant.now()).toMillis() - (t3 - t0) / 1_000_000,
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, fileRows.size(),
                plan.missing.size(), plan.excluded.size(), touchRows.size(), plan.events.size());
        long durationMs = java.time.Duration.between(started, Instant.now()).toMillis();
        ScanResult.Totals t = scan.totals();
        List<String> previousExcludes = plan.excludesChanged ? begun.lastCompleteExcludes() : null;
        store.finish(new SnapshotFinish(begun.id(), rootId, begun.seq(), scan.startedAt(), Instant.now(), t.files(),
                t.bytes(), durationMs, t.hashedFiles(), t.reused(), t.unreadable(), plan.baseline, plan.excludesChanged,
                previousExcludes, plan.newlyExcluded, plan.newlyIncluded, true));
        cache.write(rootKey, new StateCache.State(rootId, begun.seq(), scan.startedAt(), now));
        String previousIncomplete = begun.previousSeq() > begun.lastCompleteSeq() ? begun.previousId() : null;
        return new Summary(begun.id(), rootPath, environment, begun.seq(), true, scan.complete(), t.files(), t.bytes(),
                t.hashedFiles(), t.reused(), t.unreadable(), t.vanished(), durationMs, plan.added, plan.removed,
                plan.modified, Times.utc(started).toString(), now.size(), plan.baseline,
                begun.lastCompleteId(), previousIncomplete, plan.excludesChanged, previousExcludes,
                plan.newlyExcluded, plan.newlyIncluded);
    }

    private static List<String> absolute(String rootPath, List<String> rels) {
        List<String> out = new ArrayList<>(rels.size());
        rels.forEach(r -> out.add(absolute(rootPath, r)));
        return out;
    }

    /** detect_drift: the directory as it is now against stored snapshot {@code id}. */
    public Drift driftAgainstDir(String id, Path dir, List<String> excludes, boolean fullRehash,
                                 ProgressListener progress) {
        Path root = PathArgs.directory(dir, "drift DIR");
        Info info = usable(id);
        boolean sameHost = info.hostId().equals(host.id());
        boolean samePath = root.toString().equals(info.root());
        if (!sameHost || !(samePath || sameFile(root, info.root()))) {
            throw new WatchmanException(ExitCode.USAGE, "snapshot " + id + " is of " + info.root()
                    + (sameHost ? "" : " on host " + info.hostId() + " (this is " + host.id() + ")") + ", not "
                    + root + "; a snapshot is compared only with its own root"
                    + (sameHost ? ": watchman drift " + id + " " + info.root() : ", on its own host"));
        }
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
        PriorLookup prior = cached != null && samePath && !fullRehash
                ? PriorLookup.of(cached.entries().values(), cached.scanStartedAt()) : PriorLookup.NONE;
        ScanResult scan = new Scanner().scan(root, ScanOptions.defaults().withExcludes(effective)
                .withFullRehash(fullRehash).withPrior(prior).withProgress(progress));
        return DriftCalculator.between(excluding(then, effective), scan.byPath()).between(info.root(), id, root.toString());
    }

    /** The same directory by another name (a symlink, a bind mount): the same root. */
    private static boolean sameFile(Path dir, String snapshotRoot) {
        try {
            return Files.isSameFile(dir, Path.of(snapshotRoot));
        } catch (IOException | RuntimeException e) {
            return false;
        }
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
        return DriftCalculator.between(excluding(before, effective), excluding(after, effective))
                .between(from.root(), fromId, toId);
    }

    public Info info(String id) {
        Info info = store.get(id);
        if (info == null) {
            throw new WatchmanException(ExitCode.NOT_FOUND, "unknown snapshot id '" + id
                    + "'; list them with: watchman snapshots");
        }
        return info;
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

    static String absolute(String rootPath, String rel) {
        return rootPath.endsWith("/") ? rootPath + rel : rootPath + "/" + rel;
    }

    private static Map<String, ScannedEntry> excluding(Map<String, ScannedEntry> state, List<String> globs) {
        Excludes m = Excludes.of(globs);
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
    static boolean excludedOrUnder(Excludes m, String path) {
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
