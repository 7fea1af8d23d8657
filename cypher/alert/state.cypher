// What the alert lifecycle needs to know about one (host, pack) before check $auditId at $at: its
// active alert, if any, how many pack checks came before it, and when it last passed.
// Params: $hostId, $pack, $activeKey, $at, $auditId. Columns: alertId, earlierChecks, lastPassed.
OPTIONAL MATCH (al:Alert {activeKey: $activeKey})
CALL () {
  OPTIONAL MATCH (a:ConfigAudit {hostId: $hostId})
  WHERE a.kind = 'pack' AND a.pack = $pack AND a.at <= $at AND a.id <> $auditId
  RETURN count(a) AS earlierChecks,
         max(CASE WHEN a.complianceStatus = 'compliant' THEN a.at END) AS lastPassed
}
RETURN al.id AS alertId, earlierChecks, lastPassed
