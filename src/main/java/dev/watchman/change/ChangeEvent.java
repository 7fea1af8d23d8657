package dev.watchman.change;

import dev.watchman.ChangeType;
import dev.watchman.Sha256;
import dev.watchman.graph.ConfigFileRow;
import dev.watchman.watch.FileChange;
import dev.watchman.watch.KnownState;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One config change on its way to the graph as {@code (:Event {type:'config_change'})-[:AFFECTS]->(:ConfigFile)}:
 * the seeds' ConfigChange (change_id, config_path, change_type, timestamp, previous_hash,
 * current_hash, changes, source) plus the host and the file's state after the change. This is the
 * item kept in the durable queue, so it carries everything the write needs.
 *
 * @param id                deterministic, see {@link #idOf}: a replayed event MERGEs onto itself
 * @param state             the file's state after the change; {@code null} for a deletion, and for
 *                          changes recorded through the API, which leave the file's state alone
 * @param detectedAtStartup found at start by comparing the disk with the last state in the graph
 */
public record ChangeEvent(String id, String hostId, String path, ChangeType changeType, Instant at,
        String previousHash, String currentHash, List<String> changes, String source,
        boolean detectedAtStartup, KnownState state) {

    public static final String WATCHER = "watcher";
    public static final String API = "api";

    public ChangeEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(changeType, "changeType");
        Objects.requireNonNull(source, "source");
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    /** A change seen by the watcher on this host. */
    public static ChangeEvent fromWatcher(String hostId, FileChange c) {
        return new ChangeEvent(idOf(hostId, c.path(), c.changeType(), c.previousHash(), c.currentHash(), c.at()),
                hostId, c.path(), c.changeType(), c.at(), c.previousHash(), c.currentHash(), c.changes(),
                WATCHER, c.detectedAtStartup(), c.changeType() == ChangeType.DELETED ? null : c.current());
    }

    /** The ConfigFile id, the same scheme snapshots use. */
    public String fileId() {
        return ConfigFileRow.id(hostId, path);
    }

    /**
     * {@code "chg-"} + the first 32 hex digits of SHA-256 over
     * {@code hostId|path|changeType|previousHash|currentHash|at} ({@code at} in nanoseconds since
     * the epoch, nulls as empty strings). The same change seen at the same instant always gets the
     * same id, so writing a batch twice (a replay after a crash between commit and acknowledgement)
     * adds nothing; two different changes differ in at least one of these fields.
     */
    public static String idOf(String hostId, String path, ChangeType changeType, String previousHash,
                              String currentHash, Instant at) {
        long nanos = Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
        String key = String.join("|", hostId, path, changeType.label(), nz(previousHash), nz(currentHash),
                Long.toString(nanos));
        return "chg-" + Sha256.hexPrefix(key, 16);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
