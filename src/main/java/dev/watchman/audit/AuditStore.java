package dev.watchman.audit;

import dev.watchman.graph.Graph;
import dev.watchman.graph.Query;
import dev.watchman.graph.Times;
import dev.watchman.graph.Tx;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The audit feature's graph I/O, every statement from cypher/audit. */
final class AuditStore {
    static final Query WRITE = Query.of("audit/write");
    static final Query WRITE_FINDINGS = Query.of("audit/write-findings");
    static final Query WRITE_MISMATCHES = Query.of("audit/write-mismatches");

    /** One :ConfigAudit with what hangs off it. */
    record AuditWrite(ConfigAuditRow audit, List<FindingRow> findings, List<MismatchRow> mismatches) {
    }

    private final Graph graph;

    AuditStore(Graph graph) {
        this.graph = graph;
    }

    /**
     * Writes a run's audits (a directory audit and its per-pack checks, or the per-pack checks of
     * `watchman compliance`) in one transaction: a failure leaves no audit without its findings.
     *
     * @param at the findings' firstSeen (when new) and lastSeen
     */
    void write(List<AuditWrite> audits, Instant at) {
        graph.inWrite(tx -> {
            for (AuditWrite a : audits) {
                write(tx, a, at);
            }
            return null;
        });
    }

    private static void write(Tx tx, AuditWrite a, Instant at) {
        String id = a.audit().id();
        tx.run(WRITE, a.audit().toParam());
        tx.runBatched(WRITE_FINDINGS, a.findings(), Map.of("auditId", id, "hostId", a.audit().hostId(),
                "at", Times.utc(at)));
        tx.runBatched(WRITE_MISMATCHES, a.mismatches(), Map.of("auditId", id));
    }
}
