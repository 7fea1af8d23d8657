// Notifications, newest first, for `watchman notifications`. Params: $status ('pending', 'sent',
// 'failed', or null for all), $limit. Columns: id, alertId, kind, channel, status, attempts,
// createdAt, nextAttemptAt, sentAt, lastError, text.
MATCH (n:Notification)
WHERE $status IS NULL OR n.status = $status
RETURN n.id AS id, n.alertId AS alertId, n.kind AS kind, n.channel AS channel, n.status AS status,
       n.attempts AS attempts, n.createdAt AS createdAt, n.nextAttemptAt AS nextAttemptAt, n.sentAt AS sentAt,
       n.lastError AS lastError, n.text AS text
ORDER BY n.createdAt DESC, n.id DESC
LIMIT $limit
