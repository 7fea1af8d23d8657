// Back to compliance: the active alert is resolved by the check that passed, and gives up its
// activeKey so the next drift raises a new alert. Params: $activeKey, $at, $auditId. Columns: id.
MATCH (al:Alert {activeKey: $activeKey})
SET al.status = 'resolved', al.resolvedAt = $at, al.resolvedBy = 'auto', al.updatedAt = $at
REMOVE al.activeKey
WITH al
CALL (al) {
  MATCH (a:ConfigAudit {id: $auditId})
  MERGE (al)-[:RESOLVED_BY]->(a)
}
RETURN al.id AS id
