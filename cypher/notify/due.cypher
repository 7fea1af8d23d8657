// Notifications due now, oldest first (index notification_due): pending, nextAttemptAt at or
// before $now. Params: $now, $limit. Columns: id, alertId, kind, attempts, createdAt, text, payload.
MATCH (n:Notification)
WHERE n.status = 'pending' AND n.nextAttemptAt <= $now
RETURN n.id AS id, n.alertId AS alertId, n.kind AS kind, n.attempts AS attempts, n.createdAt AS createdAt,
       n.text AS text, n.payload AS payload
ORDER BY n.createdAt, n.id
LIMIT $limit
