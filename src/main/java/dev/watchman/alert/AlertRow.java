package dev.watchman.alert;

import dev.watchman.graph.Row;
import dev.watchman.graph.Times;
import java.time.Instant;
import java.util.Map;

/**
 * The parameters of {@code cypher/alert/create.cypher}: a config_drift alert raised for one
 * (host, pack). Type, severity and status are fixed by the statement (all drift is a warning).
 *
 * @param activeKey {@link AlertStore#activeKey}: unique while the alert is active
 * @param at        createdAt and updatedAt
 * @param auditId   the pack :ConfigAudit that found the drift (the RAISED_BY link)
 */
record AlertRow(String activeKey, String id, String hostId, String hostName, String pack, String title,
                String message, long mismatchCount, String diffUrl, Instant at, String auditId) implements Row {

    static AlertRow of(String id, String hostId, String hostName, String pack, String title, String message,
                       long mismatchCount, String diffUrl, Instant at, String auditId) {
        return new AlertRow(AlertStore.activeKey(hostId, pack), id, hostId, hostName, pack, title, message,
                mismatchCount, diffUrl, at, auditId);
    }

    @Override
    public Map<String, Object> toParam() {
        return Row.params("activeKey", activeKey, "id", id, "hostId", hostId, "hostName", hostName, "pack", pack,
                "title", title, "message", message, "mismatchCount", mismatchCount, "diffUrl", diffUrl,
                "at", Times.utc(at), "auditId", auditId);
    }
}
