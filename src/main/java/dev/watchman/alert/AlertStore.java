package dev.watchman.alert;

import dev.watchman.graph.Cells;
import dev.watchman.graph.Graph;
import dev.watchman.graph.Query;
import dev.watchman.graph.Times;
import dev.watchman.notify.NotificationRow;
import dev.watchman.notify.Outbox;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The alert feature's graph I/O, every statement from cypher/alert. */
final class AlertStore {
    static final Query CANDIDATES = Query.of("alert/candidates");
    static final Query STATE = Query.of("alert/state");
    static final Query CREATE = Query.of("alert/create");
    static final Query UPDATE = Query.of("alert/update");
    static final Query RESOLVE = Query.of("alert/resolve");
    static final Query LIST = Query.of("alert/list");
    static final Query DRIFT_VIEW = Query.of("alert/drift-view");
    static final Query SET_DRIFT_DETECTION = Query.of("alert/set-drift-detection");
    static final Query SILENCE_CREATE = Query.of("alert/silence-create");
    static final Query SILENCE_LIST = Query.of("alert/silence-list");
    static final Query SILENCE_REMOVE = Query.of("alert/silence-remove");
    static final Query SILENCE_COVERING = Query.of("alert/silence-covering");
    static final Query SILENCE_ENDED = Query.of("alert/silence-ended");
    static final Query SILENCE_END_CHECKED = Query.of("alert/silence-end-checked");

    private final Graph graph;

    AlertStore(Graph graph) {
        this.graph = graph;
    }

    /** One active alert per (host, pack): the unique key it holds while active. */
    static String activeKey(String hostId, String pack) {
        return hostId + "|" + pack;
    }

    /** A host the drift check looks at. */
    record Candidate(String hostId, String hostName, boolean enabled, Instant lastSeen, List<String> packs) {
    }

    List<Candidate> candidates(String hostId) {
        Map<String, Object> p = new HashMap<>();
        p.put("hostId", hostId);
        return graph.read(CANDIDATES, p).stream().map(r -> new Candidate(Cells.string(r, "hostId"),
                Cells.string(r, "hostName"), Cells.bool(r, "enabled"), Times.instant(r.get("lastSeen")),
                Cells.strings(r, "packs"))).toList();
    }

    AlertDecision.Before before(String hostId, String pack, Instant at, String auditId) {
        Map<String, Object> r = graph.read(STATE, Map.of("hostId", hostId, "pack", pack,
                "activeKey", activeKey(hostId, pack), "at", Times.utc(at), "auditId", auditId)).get(0);
        return new AlertDecision.Before(Cells.string(r, "alertId"), Cells.longValue(r, "earlierChecks", 0),
                Times.instant(r.get("lastPassed")));
    }

    /** The numbers an update carries: the latest check's. */
    static Map<String, Object> updateParams(AlertRow c) {
        return Map.of("activeKey", c.activeKey(), "message", c.message(), "mismatchCount", c.mismatchCount(),
                "at", Times.utc(c.at()), "auditId", c.auditId());
    }

    /**
     * Raises the alert and queues its notification in one transaction: an alert never exists
     * without its message on the way, nor a message without its alert.
     *
     * @return the alert's id, and whether this call raised it (false: a concurrent check just had)
     */
    Raised create(AlertRow c, NotificationRow notification) {
        return graph.inWrite(tx -> {
            Map<String, Object> r = tx.run(CREATE, c.toParam()).get(0);
            boolean created = Cells.bool(r, "created");
            if (created && notification != null) {
                Outbox.enqueue(tx, notification);
            }
            return new Raised(Cells.string(r, "id"), created);
        });
    }

    record Raised(String id, boolean created) {
    }

    String update(AlertRow c) {
        List<Map<String, Object>> rows = graph.write(UPDATE, updateParams(c));
        return rows.isEmpty() ? null : Cells.string(rows.get(0), "id");
    }

    /** Resolves the active alert and queues its notification (or none) in one transaction; null when none was active. */
    String resolve(String hostId, String pack, Instant at, String auditId, Function<String, NotificationRow> notification) {
        return graph.inWrite(tx -> {
            List<Map<String, Object>> rows = tx.run(RESOLVE, Map.of("activeKey", activeKey(hostId, pack),
                    "at", Times.utc(at), "auditId", auditId));
            if (rows.isEmpty()) {
                return null;
            }
            String id = Cells.string(rows.get(0), "id");
            NotificationRow n = notification.apply(id);
            if (n != null) {
                Outbox.enqueue(tx, n);
            }
            return id;
        });
    }

    List<Alert> list(String status, String hostId, int limit) {
        Map<String, Object> p = new HashMap<>();
        p.put("status", status);
        p.put("hostId", hostId);
        p.put("limit", limit);
        return graph.read(LIST, p).stream().map(Alert::of).toList();
    }

    Map<String, Object> driftView(String hostId, String pack) {
        List<Map<String, Object>> rows = graph.read(DRIFT_VIEW, Map.of("hostId", hostId, "pack", pack,
                "activeKey", activeKey(hostId, pack)));
        return rows.isEmpty() ? null : rows.get(0);
    }

    Map<String, Object> setDriftDetection(String hostId, boolean enabled) {
        return graph.write(SET_DRIFT_DETECTION, Map.of("hostId", hostId, "enabled", enabled)).get(0);
    }

    void createSilence(SilenceRow s) {
        graph.write(SILENCE_CREATE, s.toParam());
    }

    List<Silence> silences(Instant now, boolean all) {
        return graph.read(SILENCE_LIST, Map.of("now", Times.utc(now), "all", all)).stream().map(Silence::of).toList();
    }

    /** @return null when there is no such silence, else whether it was holding (and so ended now) */
    Boolean removeSilence(String id, Instant now) {
        List<Map<String, Object>> rows = graph.write(SILENCE_REMOVE, Map.of("id", id, "now", Times.utc(now)));
        return rows.isEmpty() ? null : Cells.bool(rows.get(0), "ended");
    }

    AlertDecision.Hold covering(String hostId, String pack, Instant at) {
        List<Map<String, Object>> rows = graph.read(SILENCE_COVERING, Map.of("hostId", hostId, "pack", pack,
                "at", Times.utc(at)));
        return rows.isEmpty() ? null : new AlertDecision.Hold(Cells.string(rows.get(0), "reason"),
                Times.instant(rows.get(0).get("endsAt")));
    }

    /** Ended silences not yet followed up: id to host id. */
    Map<String, String> endedSilences(Instant now) {
        Map<String, String> out = new LinkedHashMap<>();
        graph.read(SILENCE_ENDED, Map.of("now", Times.utc(now)))
                .forEach(r -> out.put(Cells.string(r, "id"), Cells.string(r, "hostId")));
        return out;
    }

    void markEndChecked(List<String> ids, Instant at) {
        graph.write(SILENCE_END_CHECKED, Map.of("ids", ids, "at", Times.utc(at)));
    }
}
