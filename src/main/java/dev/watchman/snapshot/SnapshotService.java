package dev.watchman.snapshot;

import dev.watchman.Sha256;
import dev.watchman.ExitCode;
import dev.watchman.PathArgs;
import dev.watchman.WatchmanException;
import dev.watchman.fs.Excludes;
import dev.watchman.graph.Graph;
import dev.watchman.graph.Times;
import dev.watchman.host.HostIdentity;
import dev.watchman.source.SourceRun;
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

        ScanOptions opts = ScanOptions.defaults().withExcludes(excludes).withFullRehash(fullRehash)
                .withProgress(progress);
        SnapshotSource source = new SnapshotSource(store, cache, host, rootPath, rootId, rootKey, begun, excludes, opts,
                started);
        SourceRun.Result<SnapshotSource.Planned> run = SourceRun.run(source);
        SnapshotSource.Planned planned = run.parsed();
        ChangePlan plan = planned.plan();
        ScanResult scan = planned.scanned().scan();
        LOG.debug("snapshot {}: begin + prior state {} ms, scan {} ms, diff {} ms, graph write {} ms "
                        + "({} files, {} removed, {} excluded, {} touched, {} events)", begun.id(),
                run.scan().toMillis() - planned.scanned().scanMillis(), planned.scanned().scanMillis(),
                run.parse().toMillis(), run.write().plus(run.stale()).toMillis(), planned.files().size(),
                plan.missing.size(), plan.excluded.size(), planned.touched().size(), plan.events.size());
        long durationMs = source.durationMs();
        ScanResult.Totals t = scan.totals();
        List<String> previousExcludes = source.previousExcludes(plan);
        String previousIncomplete = begun.previousSeq() > begun.lastCompleteSeq() ? begun.previousId() : null;
        return new Summary(begun.id(), rootPath, environment, begun.seq(), true, scan.complete(), t.files(), t.bytes(),
                t.hashedFiles(), t.reused(), t.unreadable(), t.vanished(), durationMs, plan.added, plan.removed,
                plan.modified, Times.utc(started).toString(), planned.now().size(), plan.baseline,
                begun.lastCompleteId(), previousIncomplete, plan.excludesChanged, previousExcludes,
                plan.newlyExcluded, plan.newlyIncluded);
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
