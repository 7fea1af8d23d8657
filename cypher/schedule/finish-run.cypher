// Records how a run ended: status "ok" (with the hosts checked and skipped), "failed" or
// "interrupted" (with a one-line error). Setting the same values twice changes nothing, so a
// finish retried after a Neo4j outage is safe.
// Params: $id, $finishedAt, $status, $hostsChecked, $hostsSkipped (null unless ok), $error (null when ok).
// Columns: id.
MATCH (r:JobRun {id: $id})
SET r.finishedAt = $finishedAt, r.status = $status, r.hostsChecked = $hostsChecked,
    r.hostsSkipped = $hostsSkipped, r.error = $error
RETURN r.id AS id
