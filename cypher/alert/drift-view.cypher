// The diff view of one (host, pack): its latest pack check with the mismatches it found (path,
// rule, expected, actual), when the pack last passed, and the active alert. Params: $hostId, $pack,
// $activeKey. Columns: hostName, auditId, checkedAt, status, packVersion, mismatches, lastPassed,
// alertId, alertSince (all but hostName null when the pack was never checked on the host).
MATCH (h:Host {id: $hostId})
CALL (h) {
  OPTIONAL MATCH (h)-[:HAS_AUDIT]->(a:ConfigAudit)
  WHERE a.kind = 'pack' AND a.pack = $pack
  RETURN a ORDER BY a.at DESC LIMIT 1
}
CALL (a) {
  OPTIONAL MATCH (a)-[:HAS_MISMATCH]->(m:Mismatch)
  WITH m ORDER BY toInteger(split(m.id, '#')[-1])
  RETURN collect(m {.path, .rule, .severity, .expected, .actual}) AS mismatches
}
CALL (h) {
  OPTIONAL MATCH (h)-[:HAS_AUDIT]->(p:ConfigAudit)
  WHERE p.kind = 'pack' AND p.pack = $pack AND p.complianceStatus = 'compliant'
  RETURN max(p.at) AS lastPassed
}
OPTIONAL MATCH (al:Alert {activeKey: $activeKey})
RETURN h.name AS hostName, a.id AS auditId, a.at AS checkedAt, a.complianceStatus AS status,
       a.packVersion AS packVersion, mismatches, lastPassed, al.id AS alertId, al.createdAt AS alertSince
