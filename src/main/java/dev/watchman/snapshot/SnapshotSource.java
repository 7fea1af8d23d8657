package dev.watchman.snapshot;

import dev.watchman.graph.ConfigFileRow;
import dev.watchman.graph.FileStatus;
import dev.watchman.host.HostIdentity;
import dev.watchman.source.Source;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One snapshot of one root as a {@link Source}, once {@link SnapshotStore#begin} has opened it:
 * <ul>
 *   <li>scan — the state the graph last had (from the local cache when it is exactly that) and the
 *       tree as it is now, hashing only what may have changed;</li>
 *   <li>parse — {@link ChangePlan}: what to write, which events, what went missing or excluded;</li>
 *   <li>write — the files that changed or appeared, the ones only touched, the events;</li>
 *   <li>mark stale — within this root only: files gone or now excluded get their versions closed
 *       (never deleted), then the snapshot is finished and the cache holds the new state.</li>
 * </ul>
 */
final class SnapshotSource implements Source<SnapshotSource.Scanned, SnapshotSource.Planned> {
    /** What the scan read: the graph's open state, the base events are counted from, the tree now. */
    record Scanned(Map<String, ScannedEntry> open, Map<String, ScannedEntry> base, ScanResult scan,
                   long scanMillis) {
    }

    /** What parse made of it. */
    record Planned(Scanned scanned, Map<String, ScannedEntry> now, ChangePlan plan, List<ConfigFileRow> files,
                   List<ConfigFileRow> touched, long diffMillis) {
    }

    private final SnapshotStore store;
    private final StateCache cache;
    private final HostIdentity host;
    private final String rootPath;
    private final String rootId;
    private final String rootKey;
    private final SnapshotStore.Begun begun;
    private final List<String> excludes;
    private final ScanOptions options;
    private final Instant started;
    private long durationMs;

    SnapshotSource(SnapshotStore store, StateCache cache, HostIdentity host, String rootPath, String rootId,
                   String rootKey, SnapshotStore.Begun begun, List<String> excludes, ScanOptions options, Instant started) {
        this.store = store;
        this.cache = cache;
        this.host = host;
        this.rootPath = rootPath;
        this.rootId = rootId;
        this.rootKey = rootKey;
        this.begun = begun;
        this.excludes = excludes;
        this.options = options;
        this.started = started;
    }

    @Override
    public String name() {
        return "snapshot " + rootPath;
    }

    @Override
    public Scanned scan() {
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
        ScanOptions opts = options.fullRehash() ? options : options.withPrior(prior);
        long t0 = System.nanoTime();
        ScanResult scan = new Scanner().scan(java.nio.file.Path.of(rootPath), opts);
        return new Scanned(open, base, scan, (System.nanoTime() - t0) / 1_000_000);
    }

    @Override
    public Planned parse(Scanned s) {
        long t0 = System.nanoTime();
        Map<String, ScannedEntry> now = s.scan().byPath();
        ChangePlan plan = ChangePlan.of(s.open(), s.base(), begun.lastCompleteExcludes(), now, excludes);
        List<String> written = plan.written;
        // Rows are made per batch as the driver sends them: a first snapshot of a large tree
        // would otherwise hold every row at once.
        List<ConfigFileRow> files = new AbstractList<>() {
            @Override
            public ConfigFileRow get(int i) {
                String p = written.get(i);
                return SnapshotStore.fileRow(host.id(), rootId, begun.seq(), SnapshotService.absolute(rootPath, p),
                        now.get(p));
            }

            @Override
            public int size() {
                return written.size();
            }
        };
        List<ConfigFileRow> touched = new ArrayList<>();
        Set<String> changed = new HashSet<>(written);
        for (ScannedEntry e : now.values()) {
            ScannedEntry b = s.open().get(e.path());
            if (b != null && !changed.contains(e.path()) && (b.mtimeNanos() != e.mtimeNanos()
                    || b.ctimeNanos() != e.ctimeNanos() || b.inode() != e.inode() || b.dev() != e.dev())) {
                touched.add(SnapshotStore.touchRow(host.id(), SnapshotService.absolute(rootPath, e.path()), e));
            }
        }
        return new Planned(s, now, plan, files, touched, (System.nanoTime() - t0) / 1_000_000);
    }

    @Override
    public void write(Planned p) {
        store.writeFiles(p.files());
        store.touch(p.touched());
        store.writeEvents(SnapshotStore.eventRows(host.id(), begun.id(), Instant.now(), p.plan().events,
                rel -> SnapshotService.absolute(rootPath, rel)));
    }

    @Override
    public void markStale(Planned p) {
        ChangePlan plan = p.plan();
        store.writeRemoved(host.id(), begun.seq(), FileStatus.MISSING, absolute(plan.missing));
        store.writeRemoved(host.id(), begun.seq(), FileStatus.EXCLUDED, absolute(plan.excluded));
        durationMs = java.time.Duration.between(started, Instant.now()).toMillis();
        ScanResult scan = p.scanned().scan();
        ScanResult.Totals t = scan.totals();
        store.finish(new SnapshotFinish(begun.id(), rootId, begun.seq(), scan.startedAt(), Instant.now(), t.files(),
                t.bytes(), durationMs, t.hashedFiles(), t.reused(), t.unreadable(), plan.baseline, plan.excludesChanged,
                previousExcludes(plan), plan.newlyExcluded, plan.newlyIncluded, true));
        cache.write(rootKey, new StateCache.State(rootId, begun.seq(), scan.startedAt(), p.now()));
    }

    /** The whole run's wall time up to the finish, as stored on the :Snapshot. */
    long durationMs() {
        return durationMs;
    }

    List<String> previousExcludes(ChangePlan plan) {
        return plan.excludesChanged ? begun.lastCompleteExcludes() : null;
    }

    private List<String> absolute(List<String> rels) {
        List<String> out = new ArrayList<>(rels.size());
        rels.forEach(r -> out.add(SnapshotService.absolute(rootPath, r)));
        return out;
    }
}
