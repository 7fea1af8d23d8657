package dev.watchman.audit;

import dev.watchman.graph.Row;
import dev.watchman.graph.Times;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parameters of {@code cypher/audit/write.cypher}: one :ConfigAudit and its links. Only
 * scalars and lists of strings, never a secret value (findings are fingerprints). A directory
 * audit ({@link Kind#AUDIT}) and a per-pack check ({@link Kind#PACK}) each leave the other's
 * fields null, so those properties are absent (docs/audit.md lists them).
 *
 * @param packs             {@code name@version} of the packs used; also the {@code USED_PACK} links
 * @param snapshotId        the snapshot audited, as a property ({@code audit} only)
 * @param auditedSnapshotId the {@code AUDITED} link: the audit's snapshot, also for the pack checks run
 *                          inside it; null for {@code watchman compliance}
 * @param partOf            the {@code PART_OF} link: the directory audit a pack check ran in, or null
 */
record ConfigAuditRow(String id, String hostId, Instant at, String environment, String complianceStatus,
                      long issuesFound, List<String> issues, List<String> recommendations, String auditScope,
                      Kind kind, List<String> packs, List<String> rules, String fsRoot,
                      String root, Long filesScanned, Long bytesScanned, Long findings, Long unreadable,
                      String pack, String packVersion, String packChecksum,
                      String snapshotId, String auditedSnapshotId, String partOf) implements Row {

    /** {@code ConfigAudit.kind}. */
    enum Kind {
        /** {@code watchman audit DIR}: a secret scan and the pack checks run with it. */
        AUDIT,
        /** One pack on one host. */
        PACK;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    ConfigAuditRow {
        issues = List.copyOf(issues);
        recommendations = List.copyOf(recommendations);
        packs = List.copyOf(packs);
        rules = List.copyOf(rules);
    }

    @Override
    public Map<String, Object> toParam() {
        return Row.params("id", id, "hostId", hostId, "at", Times.utc(at), "environment", environment,
                "complianceStatus", complianceStatus, "issuesFound", issuesFound, "issues", issues,
                "recommendations", recommendations, "auditScope", auditScope, "kind", kind.label(),
                "packs", packs, "rules", rules, "fsRoot", fsRoot, "root", root, "filesScanned", filesScanned,
                "bytesScanned", bytesScanned, "findings", findings, "unreadable", unreadable, "pack", pack,
                "packVersion", packVersion, "packChecksum", packChecksum, "snapshotId", snapshotId,
                "auditedSnapshotId", auditedSnapshotId, "partOf", partOf);
    }
}
