// Takes one due notification for an attempt before it is sent: counts the attempt, records the
// channel and moves nextAttemptAt to $until (a lease), so a second process draining the same
// graph skips it and a crash mid-send retries it once the lease ends. The first SET takes the
// node's write lock, so the check below sees any claim committed meanwhile. No row when the
// notification is no longer due (taken, sent or failed elsewhere).
// Params: $id, $now, $until, $channel ('slack' or 'log'). Columns: attempts.
MATCH (n:Notification {id: $id})
SET n.claiming = true
REMOVE n.claiming
WITH n
WHERE n.status = 'pending' AND n.nextAttemptAt <= $now
SET n.attempts = n.attempts + 1, n.nextAttemptAt = $until, n.channel = $channel
RETURN n.attempts AS attempts
