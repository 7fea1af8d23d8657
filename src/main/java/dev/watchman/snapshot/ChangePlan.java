package dev.watchman.snapshot;

import dev.watchman.ChangeType;
import dev.watchman.fs.Excludes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one snapshot writes, worked out from states alone (pure). Two comparisons, because they
 * answer different questions:
 * <ul>
 *   <li>against the graph's <em>open</em> state (the versions valid now, which an interrupted
 *       snapshot may have half-updated): which versions to open and close;</li>
 *   <li>against the <em>base</em>, the last complete snapshot: which change events to record.
 *       Without one the snapshot is a baseline and records none.</li>
 * </ul>
 * A change of excludes is not a change of the tree: an entry that left the scope because it is
 * now excluded is closed as {@code excluded} without a {@code deleted} event, and one that entered
 * it because it is no longer excluded is recorded without a {@code created} event.
 */
final class ChangePlan {
    /** One change event: hashes before and after, where there is one (a readable file). */
    record Event(String path, ChangeType changeType, String previousHash, String currentHash, List<String> changes) {
    }

    /** Paths to (re)write as present: new, or changed against the open state. */
    final List<String> written = new ArrayList<>();
    /** Open paths gone from the tree. */
    final List<String> missing = new ArrayList<>();
    /** Open paths no longer tracked because they are excluded now. */
    final List<String> excluded = new ArrayList<>();
    final List<Event> events = new ArrayList<>();
    final boolean baseline;
    final boolean excludesChanged;
    int added;
    int removed;
    int modified;
    int newlyExcluded;
    int newlyIncluded;

    private ChangePlan(boolean baseline, boolean excludesChanged) {
        this.baseline = baseline;
        this.excludesChanged = excludesChanged;
    }

    /**
     * @param open         the graph's open versions of the root
     * @param base         the state of the last complete snapshot, or null when there is none
     * @param baseExcludes the excludes that snapshot was taken with
     * @param now          this scan
     * @param excludes     the excludes this scan was taken with
     */
    static ChangePlan of(Map<String, ScannedEntry> open, Map<String, ScannedEntry> base, List<String> baseExcludes,
                         Map<String, ScannedEntry> now, List<String> excludes) {
        boolean changed = base != null && !Set.copyOf(baseExcludes).equals(Set.copyOf(excludes));
        ChangePlan plan = new ChangePlan(base == null, changed);
        Excludes nowExcluded = Excludes.of(excludes);
        Drift writes = DriftCalculator.between(open, now);
        plan.written.addAll(writes.added());
        writes.modified().forEach(m -> plan.written.add(m.path()));
        for (String p : writes.removed()) {
            (SnapshotService.excludedOrUnder(nowExcluded, p) ? plan.excluded : plan.missing).add(p);
        }
        if (base == null) {
            return plan;
        }
        Excludes baseExcluded = Excludes.of(baseExcludes);
        Drift d = base == open ? writes : DriftCalculator.between(base, now);
        for (String p : d.added()) {
            if (changed && SnapshotService.excludedOrUnder(baseExcluded, p)) {
                plan.newlyIncluded++;
            } else {
                plan.added++;
                plan.events.add(new Event(p, ChangeType.CREATED, null, now.get(p).sha256(), List.of()));
            }
        }
        for (String p : d.removed()) {
            if (changed && SnapshotService.excludedOrUnder(nowExcluded, p)) {
                plan.newlyExcluded++;
            } else {
                plan.removed++;
                plan.events.add(new Event(p, ChangeType.DELETED, base.get(p).sha256(), null, List.of()));
            }
        }
        for (Drift.Modified m : d.modified()) {
            plan.modified++;
            plan.events.add(new Event(m.path(), ChangeType.MODIFIED, m.previousHash(), m.currentHash(), m.changed()));
        }
        return plan;
    }
}
