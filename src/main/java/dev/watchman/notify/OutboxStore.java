package dev.watchman.notify;

import dev.watchman.graph.Cells;
import dev.watchman.graph.Graph;
import dev.watchman.graph.Query;
import dev.watchman.graph.Times;
import dev.watchman.graph.Tx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The outbox's graph I/O, every statement from cypher/notify. */
final class OutboxStore {
    static final Query ENQUEUE = Query.of("notify/enqueue");
    static final Query DUE = Query.of("notify/due");
    static final Query CLAIM = Query.of("notify/claim");
    static final Query RECORD = Query.of("notify/record");
    static final Query LIST = Query.of("notify/list");

    /** A notification due for an attempt. */
    record Due(String id, String alertId, String kind, Instant createdAt, String text, String payload) {
    }

    private final Graph graph;

    OutboxStore(Graph graph) {
        this.graph = graph;
    }

    static void enqueue(Tx tx, NotificationRow row) {
        tx.run(ENQUEUE, row.toParam());
    }

    List<Due> due(Instant now, int limit) {
        List<Due> out = new ArrayList<>();
        for (Map<String, Object> r : graph.read(DUE, Map.of("now", Times.utc(now), "limit", limit))) {
            out.add(new Due(Cells.string(r, "id"), Cells.string(r, "alertId"), Cells.string(r, "kind"),
                    Times.instant(r.get("createdAt")), Cells.string(r, "text"), Cells.string(r, "payload")));
        }
        return out;
    }

    /** The attempts so far, this one included; -1 when it is no longer due (another drainer took it). */
    int claim(String id, String channel, Instant now, Instant until) {
        List<Map<String, Object>> rows = graph.write(CLAIM, Map.of("id", id, "channel", channel,
                "now", Times.utc(now), "until", Times.utc(until)));
        return rows.isEmpty() ? -1 : Math.toIntExact(Cells.longValue(rows.get(0), "attempts"));
    }

    void record(AttemptRow row) {
        graph.write(RECORD, row.toParam());
    }

    /** @param status null for all */
    List<NotificationView> list(String status, int limit) {
        Map<String, Object> p = new HashMap<>();
        p.put("status", status);
        p.put("limit", limit);
        List<NotificationView> out = new ArrayList<>();
        for (Map<String, Object> r : graph.read(LIST, p)) {
            out.add(new NotificationView(Cells.string(r, "id"), Cells.string(r, "alertId"), Cells.string(r, "kind"),
                    Cells.string(r, "channel"), Cells.string(r, "status"), Cells.longValue(r, "attempts", 0),
                    Times.instant(r.get("createdAt")), Times.instant(r.get("nextAttemptAt")),
                    Times.instant(r.get("sentAt")), Cells.string(r, "lastError"), Cells.string(r, "text")));
        }
        return out;
    }
}
