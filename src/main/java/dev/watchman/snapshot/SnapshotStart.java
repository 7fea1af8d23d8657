package dev.watchman.snapshot;

import dev.watchman.graph.Row;
import dev.watchman.graph.Times;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The parameters of {@code cypher/snapshot/begin.cypher}: creates the :Snapshot ({@code complete:
 * false}) and, on a root's first snapshot, its :Root.
 *
 * @param rootKey short hash of {@code rootId}, part of the snapshot id
 */
record SnapshotStart(String hostId, String rootId, String root, String rootKey, String environment,
                     List<String> excludes, Instant startedAt) implements Row {

    SnapshotStart {
        excludes = List.copyOf(excludes);
    }

    @Override
    public Map<String, Object> toParam() {
        return Row.params("hostId", hostId, "rootId", rootId, "root", root, "rootKey", rootKey,
                "environment", environment, "excludes", excludes, "startedAt", Times.utc(startedAt));
    }
}
