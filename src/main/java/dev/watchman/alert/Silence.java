package dev.watchman.alert;

import dev.watchman.graph.Cells;
import java.util.Map;

/**
 * A maintenance window on a host: while it holds, the drift check records results but raises and
 * sends nothing. {@code pack} null means every pack of the host; {@code removedAt} is set when
 * `silence remove` ended it early.
 */
public record Silence(String id, String hostId, String hostName, String pack, String reason, String createdAt,
                      String endsAt, String removedAt) {

    static Silence of(Map<String, Object> r) {
        return new Silence(Cells.string(r, "id"), Cells.string(r, "hostId"), Cells.string(r, "hostName"),
                Cells.string(r, "pack"), Cells.string(r, "reason"), Alert.time(r, "createdAt"),
                Alert.time(r, "endsAt"), Alert.time(r, "removedAt"));
    }
}
