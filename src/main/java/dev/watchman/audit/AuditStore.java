package dev.watchman.audit;

import dev.watchman.graph.Graph;
import dev.watchman.graph.Query;
import dev.watchman.graph.Tx;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The audit feature's graph I/O, every statement from cypher/audit. */
final class AuditStore {
    static final Query WRITE = Query.of("audit/write");
    static final Query WRITE_FINDINGS = Query.of("audit/write-findings");
    static final Query WRITE_MISMATCHES = Query.of("audit/write-mismatches");

    /** Rows per statement inside the audit's transaction. */
    static final int BATCH = 5_000;

    /** One :ConfigAudit with what hangs off it. */
    record AuditWrite(String hostId, Map<String, Object> props, String snapshotId, List<String> packIds,
                      String partOf, List<Map<String, Object>> findings, List<Map<String, Object>> mismatches) {
    }

    private final Graph graph;

    AuditStore(Graph graph) {
        this.graph = graph;
    }

    /**
     * Writes a run's audits (a directory audit and its per-pack checks, or the per-pack checks of
     * `watchman compliance`) in one transaction: a failure leaves no audit without its findings.
     */
    void write(List<AuditWrite> audits, ZonedDateTime at) {
        graph.inWrite(tx -> {
            for (AuditWrite a : audits) {
                write(tx, a, at);
            }
            return null;
        });
    }

    private static void write(Tx tx, AuditWrite a, ZonedDateTime at) {
        String id = (String) a.props().get("id");
        Map<String, Object> p = new HashMap<>();
        p.put("hostId", a.hostId());
        p.put("props", a.props());
        p.put("snapshotId", a.snapshotId());
        p.put("packIds", a.packIds());
        p.put("partOf", a.partOf());
        tx.run(WRITE, p);
        for (int i = 0; i < a.findings().size(); i += BATCH) {
            tx.run(WRITE_FINDINGS, Map.of("auditId", id, "hostId", a.hostId(), "at", at,
                    "rows", a.findings().subList(i, Math.min(a.findings().size(), i + BATCH))));
        }
        for (int i = 0; i < a.mismatches().size(); i += BATCH) {
            tx.run(WRITE_MISMATCHES, Map.of("auditId", id,
                    "rows", a.mismatches().subList(i, Math.min(a.mismatches().size(), i + BATCH))));
        }
    }
}
