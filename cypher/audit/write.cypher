// Creates one :ConfigAudit for a host (ConfigAuditRow), linked to the snapshot it audited, the
// packs it used and, for a per-pack check run inside `watchman audit`, the audit it is part of.
// Only scalars and lists of strings (never a secret value: findings are fingerprints); the
// properties of the other kind are null, so absent.
// Params: $id, $hostId, $at, $environment, $complianceStatus, $issuesFound, $issues,
// $recommendations, $auditScope, $kind ('audit' or 'pack'), $packs (name@version, also the
// USED_PACK links), $rules, $fsRoot; for 'audit': $root, $filesScanned, $bytesScanned, $findings,
// $unreadable, $snapshotId; for 'pack': $pack, $packVersion, $packChecksum; $auditedSnapshotId
// (the AUDITED link, or null), $partOf (parent audit id or null). Columns: id.
MATCH (h:Host {id: $hostId})
CREATE (h)-[:HAS_AUDIT]->(a:ConfigAudit {id: $id})
SET a.hostId = $hostId, a.at = $at, a.environment = $environment, a.complianceStatus = $complianceStatus,
    a.issuesFound = $issuesFound, a.issues = $issues, a.recommendations = $recommendations,
    a.auditScope = $auditScope, a.kind = $kind, a.packs = $packs, a.rules = $rules, a.fsRoot = $fsRoot,
    a.root = $root, a.filesScanned = $filesScanned, a.bytesScanned = $bytesScanned, a.findings = $findings,
    a.unreadable = $unreadable, a.snapshotId = $snapshotId,
    a.pack = $pack, a.packVersion = $packVersion, a.packChecksum = $packChecksum
WITH a
CALL (a) {
  MATCH (s:Snapshot {id: $auditedSnapshotId})
  CREATE (a)-[:AUDITED]->(s)
}
CALL (a) {
  UNWIND $packs AS packId
  MATCH (p:Pack {id: packId})
  CREATE (a)-[:USED_PACK]->(p)
}
CALL (a) {
  MATCH (parent:ConfigAudit {id: $partOf})
  CREATE (a)-[:PART_OF]->(parent)
}
RETURN a.id AS id
