package dev.watchman.alert;

import dev.watchman.graph.Row;
import dev.watchman.graph.Times;
import java.time.Instant;
import java.util.Map;

/**
 * The parameters of {@code cypher/alert/silence-create.cypher}: one maintenance window.
 *
 * @param pack null for every pack of the host
 * @param at   when it was made, and when it starts
 */
record SilenceRow(String id, String hostId, String hostName, String pack, String reason, Instant at, Instant endsAt)
        implements Row {

    /** As `watchman silence` prints it, the same as reading it back. */
    Silence view() {
        return new Silence(id, hostId, hostName, pack, reason, at.toString(), endsAt.toString(), null);
    }

    @Override
    public Map<String, Object> toParam() {
        return Row.params("id", id, "hostId", hostId, "hostName", hostName, "pack", pack, "reason", reason,
                "at", Times.utc(at), "endsAt", Times.utc(endsAt));
    }
}
