// The latest run of one job on one host, whatever its status: the scheduler's catch-up compares the
// latest due time with its startedAt. Params: $job, $hostId.
// Columns: id, job, trigger, ranOn, startedAt, finishedAt, status, hostsChecked, hostsSkipped, error.
MATCH (r:JobRun {job: $job})
WHERE r.ranOn = $hostId
RETURN r.id AS id, r.job AS job, r.trigger AS trigger, r.ranOn AS ranOn, r.startedAt AS startedAt,
       r.finishedAt AS finishedAt, r.status AS status, r.hostsChecked AS hostsChecked,
       r.hostsSkipped AS hostsSkipped, r.error AS error
ORDER BY r.startedAt DESC, r.id DESC
LIMIT 1
