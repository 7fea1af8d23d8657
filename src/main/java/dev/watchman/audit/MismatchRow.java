package dev.watchman.audit;

import dev.watchman.Severity;
import dev.watchman.graph.Row;
import dev.watchman.pack.Mismatch;
import java.util.Map;

/**
 * One row of {@code cypher/audit/write-mismatches.cypher}, the only statement that writes
 * {@code :Mismatch}. {@code actual} never quotes file content.
 *
 * @param id       {@code auditId#n}, n counting the check's mismatches from 1
 * @param severity the pack rule's; null if the pack has no such rule
 */
record MismatchRow(String id, String path, String rule, Severity severity, String expected, String actual)
        implements Row {

    static MismatchRow of(String auditId, int n, Mismatch m, Severity severity) {
        return new MismatchRow(auditId + "#" + n, m.path(), m.rule(), severity, m.expected(), m.actual());
    }

    @Override
    public Map<String, Object> toParam() {
        return Row.params("id", id, "path", path, "rule", rule, "severity", severity == null ? null : severity.label(),
                "expected", expected, "actual", actual);
    }
}
