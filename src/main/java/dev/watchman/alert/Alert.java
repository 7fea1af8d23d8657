package dev.watchman.alert;

import dev.watchman.graph.Cells;
import dev.watchman.graph.Times;
import java.util.Map;

/**
 * One {@code :Alert} as `watchman alerts --json` prints it (an array of these). A config_drift
 * alert belongs to one (host, pack); times are UTC ISO-8601, {@code resolvedAt}/{@code resolvedBy}
 * null while it is active.
 */
public record Alert(String id, String type, String severity, String status, String title, String message,
                    String hostId, String hostName, String pack, long mismatchCount, String diffUrl,
                    String createdAt, String updatedAt, String resolvedAt, String resolvedBy) {

    static Alert of(Map<String, Object> r) {
        return new Alert(Cells.string(r, "id"), Cells.string(r, "type"), Cells.string(r, "severity"),
                Cells.string(r, "status"), Cells.string(r, "title"), Cells.string(r, "message"),
                Cells.string(r, "hostId"), Cells.string(r, "hostName"), Cells.string(r, "pack"),
                Cells.longValue(r, "mismatchCount", 0), Cells.string(r, "diffUrl"), time(r, "createdAt"),
                time(r, "updatedAt"), time(r, "resolvedAt"), Cells.string(r, "resolvedBy"));
    }

    static String time(Map<String, Object> r, String column) {
        java.time.Instant i = Times.instant(r.get(column));
        return i == null ? null : i.toString();
    }
}
