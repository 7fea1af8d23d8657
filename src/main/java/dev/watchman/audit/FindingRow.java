package dev.watchman.audit;

import dev.watchman.Severity;
import dev.watchman.graph.ConfigFileRow;
import dev.watchman.graph.Row;
import java.util.Map;

/**
 * One row of {@code cypher/audit/write-findings.cypher}, the only statement that writes
 * {@code :Finding}. Never the secret: a salted fingerprint.
 *
 * @param id     {@code hostId:path:line:ruleId:fingerprint}: the same secret found again is the same node
 * @param fileId the :ConfigFile holding it ({@code IN_FILE}), when the snapshot recorded one
 */
record FindingRow(String id, String fileId, String path, long line, String ruleId, Severity severity,
                  String fingerprint, String description, String recommendation) implements Row {

    static FindingRow of(String hostId, Finding f) {
        return new FindingRow(hostId + ":" + f.path() + ":" + f.line() + ":" + f.ruleId() + ":" + f.fingerprint(),
                ConfigFileRow.id(hostId, f.path()), f.path(), f.line(), f.ruleId(), f.severity(), f.fingerprint(),
                f.description(), f.recommendation());
    }

    @Override
    public Map<String, Object> toParam() {
        return Row.params("id", id, "fileId", fileId, "path", path, "line", line, "ruleId", ruleId,
                "severity", severity.label(), "fingerprint", fingerprint, "description", description,
                "recommendation", recommendation);
    }
}
