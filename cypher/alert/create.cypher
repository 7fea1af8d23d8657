// Raises the config_drift alert of one (host, pack), about the host and raised by the check that
// found the drift. MERGE on activeKey (unique: one active alert per host and pack) so two checks at
// once still raise one; `created` says whether this statement made it. Params: $activeKey, $id,
// $hostId, $hostName, $pack, $title, $message, $mismatchCount, $diffUrl, $at, $auditId.
// Columns: id, created.
MATCH (h:Host {id: $hostId})
MERGE (al:Alert {activeKey: $activeKey})
  ON CREATE SET al.id = $id, al.type = 'config_drift', al.severity = 'warning', al.status = 'active',
                al.title = $title, al.hostId = $hostId, al.hostName = $hostName, al.pack = $pack,
                al.diffUrl = $diffUrl, al.createdAt = $at
SET al.message = $message, al.mismatchCount = $mismatchCount, al.updatedAt = $at, al.lastAuditId = $auditId
WITH h, al
CALL (h, al) {
  WITH h, al WHERE al.id = $id
  MERGE (al)-[:ABOUT]->(h)
  WITH al
  MATCH (a:ConfigAudit {id: $auditId})
  MERGE (al)-[:RAISED_BY]->(a)
}
RETURN al.id AS id, al.id = $id AS created
