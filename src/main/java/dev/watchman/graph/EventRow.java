package dev.watchman.graph;

import dev.watchman.ChangeType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One row of {@code cypher/graph/write-events.cypher}, the only statement that writes
 * {@code (:Event {type: 'config_change'})}, for snapshots, the watcher and the API alike. The file
 * it affects is written first by {@link ConfigFileRow#UPSERT}.
 *
 * @param id         deterministic, so a replay MERGEs onto the event already written
 * @param source     {@code snapshot}, {@code watcher}, {@code api} or an API caller's value
 * @param snapshotId the snapshot that recorded it ({@code RECORDED}); null for other sources
 */
public record EventRow(String id, String hostId, String fileId, String path, ChangeType changeType, Instant at,
                       String previousHash, String currentHash, List<String> changes, String source,
                       boolean detectedAtStartup, String snapshotId) implements Row {

    public static final Query WRITE = Query.of("graph/write-events");

    public EventRow {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    @Override
    public Map<String, Object> toParam() {
        return Row.params("id", id, "hostId", hostId, "fileId", fileId, "path", path,
                "changeType", changeType.label(), "at", Times.utc(at), "previousHash", previousHash,
                "currentHash", currentHash, "changes", changes, "source", source,
                "detectedAtStartup", detectedAtStartup, "snapshotId", snapshotId);
    }
}
