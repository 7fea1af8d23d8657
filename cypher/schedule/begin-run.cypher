// Records that one run of a scheduled job has started on this host: a :JobRun with status
// "running" and -[:RAN_ON]->(:Host), written before the job does anything, so a crash mid-run
// leaves the run behind (mark-interrupted closes it at the next start). MERGE on the id the caller
// drew once, so a retried transaction still writes one run.
// Params: $id, $job, $trigger, $ranOn, $startedAt. Columns: id (no row: the host is not recorded).
MATCH (h:Host {id: $ranOn})
MERGE (r:JobRun {id: $id})
  ON CREATE SET r.job = $job, r.trigger = $trigger, r.ranOn = $ranOn, r.startedAt = $startedAt,
                r.status = 'running'
MERGE (r)-[:RAN_ON]->(h)
RETURN r.id AS id
