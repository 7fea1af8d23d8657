package dev.watchman.snapshot;

import dev.watchman.graph.Row;
import dev.watchman.graph.Times;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The parameters of {@code cypher/snapshot/finish.cypher}: a snapshot's totals, how it relates to
 * the last complete one, and its root's last complete sequence. README "Graph schema" describes
 * each property.
 *
 * @param previousExcludes the excludes of the snapshot the changes are counted from, only when they differ
 */
record SnapshotFinish(String snapshotId, String rootId, long seq, Instant scanStartedAt, Instant completedAt,
                      long totalFiles, long totalBytes, long durationMs, long hashedFiles, long reusedFiles,
                      long unreadable, boolean baseline, boolean excludesChanged, List<String> previousExcludes,
                      int newlyExcluded, int newlyIncluded, boolean complete) implements Row {

    @Override
    public Map<String, Object> toParam() {
        return Row.params("snapshotId", snapshotId, "rootId", rootId, "seq", seq,
                "scanStartedAt", Times.utc(scanStartedAt), "completedAt", Times.utc(completedAt),
                "totalFiles", totalFiles, "totalBytes", totalBytes, "durationMs", durationMs,
                "hashedFiles", hashedFiles, "reusedFiles", reusedFiles, "unreadable", unreadable,
                "baseline", baseline, "excludesChanged", excludesChanged, "previousExcludes", previousExcludes,
                "newlyExcluded", newlyExcluded, "newlyIncluded", newlyIncluded, "complete", complete);
    }
}
