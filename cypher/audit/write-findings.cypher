// Links an audit to the secrets it found. A :Finding is identified by host, path, line, rule and
// fingerprint, so the same secret found again by a later audit is the same node (firstSeen is
// kept, lastSeen moves); it points at the :ConfigFile holding it when the snapshot recorded one.
// Params: $auditId, $hostId, $at, $rows: [{id, fileId, path, line, ruleId, severity, fingerprint,
// description, recommendation}]. Columns: none.
MATCH (a:ConfigAudit {id: $auditId})
UNWIND $rows AS r
MERGE (f:Finding {id: r.id})
  ON CREATE SET f.firstSeen = $at
SET f.hostId = $hostId, f.path = r.path, f.line = r.line, f.ruleId = r.ruleId, f.severity = r.severity,
    f.fingerprint = r.fingerprint, f.description = r.description, f.recommendation = r.recommendation,
    f.lastSeen = $at
MERGE (a)-[:FOUND]->(f)
WITH f, r
CALL (f, r) {
  MATCH (c:ConfigFile {id: r.fileId})
  MERGE (f)-[:IN_FILE]->(c)
}
