// Adds a pending :Notification (NotificationRow) inside the caller's transaction, the one that
// changes the alert it announces, and links (:Alert)-[:NOTIFIED]->(:Notification) when that alert
// exists. Replay safe: the id is the alert's id and the kind, so announcing the same alert change
// twice (a retried transaction, a check run twice) MERGEs onto one notification and changes
// nothing. Never the webhook URL: channel is set when it is sent (Slack or the log).
// Params: $id, $alertId (null for none), $kind ('drift' or 'resolved'), $text (the fallback
// line), $payload (the JSON posted), $createdAt (also the first nextAttemptAt: due at once).
// Columns: id.
MERGE (n:Notification {id: $id})
ON CREATE SET n.alertId = $alertId, n.kind = $kind, n.status = 'pending', n.attempts = 0,
    n.nextAttemptAt = $createdAt, n.createdAt = $createdAt, n.text = $text, n.payload = $payload
WITH n
CALL (n) {
  MATCH (a:Alert {id: $alertId})
  MERGE (a)-[:NOTIFIED]->(n)
}
RETURN n.id AS id
