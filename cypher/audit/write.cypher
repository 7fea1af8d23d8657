// Creates one :ConfigAudit for a host, linked to the snapshot it audited, the packs it used and,
// for a per-pack check run inside `watchman audit`, the audit it is part of. $props holds only
// scalars and lists of strings (never a secret value: findings are fingerprints).
// Params: $hostId, $props {id, hostId, at, environment, complianceStatus, issuesFound, issues,
// recommendations, auditScope, kind, root, packs, rules, …}, $snapshotId (or null), $packIds,
// $partOf (parent audit id or null). Columns: id.
MATCH (h:Host {id: $hostId})
CREATE (h)-[:HAS_AUDIT]->(a:ConfigAudit)
SET a = $props
WITH a
CALL (a) {
  MATCH (s:Snapshot {id: $snapshotId})
  CREATE (a)-[:AUDITED]->(s)
}
CALL (a) {
  UNWIND $packIds AS packId
  MATCH (p:Pack {id: packId})
  CREATE (a)-[:USED_PACK]->(p)
}
CALL (a) {
  MATCH (parent:ConfigAudit {id: $partOf})
  CREATE (a)-[:PART_OF]->(parent)
}
RETURN a.id AS id
