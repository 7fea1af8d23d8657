// How one attempt ended (AttemptRow): sent, pending again with a later nextAttemptAt, or failed.
// lastError is redacted before it gets here: never the webhook URL.
// Params: $id, $status ('pending', 'sent', 'failed'), $nextAttemptAt (null once sent or failed),
// $lastError (null keeps the one stored), $sentAt (null unless sent). Columns: id.
MATCH (n:Notification {id: $id})
SET n.status = $status, n.nextAttemptAt = $nextAttemptAt, n.lastError = coalesce($lastError, n.lastError),
    n.sentAt = $sentAt
RETURN n.id AS id
