// Drift still there: the active alert's message, count and updatedAt follow the latest check; it
// stays one alert and sends nothing. Params: $activeKey, $message, $mismatchCount, $at, $auditId.
// Columns: id.
MATCH (al:Alert {activeKey: $activeKey})
SET al.message = $message, al.mismatchCount = $mismatchCount, al.updatedAt = $at, al.lastAuditId = $auditId
RETURN al.id AS id
