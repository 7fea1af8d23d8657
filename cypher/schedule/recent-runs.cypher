// The most recent job runs of every job and host, newest first, for `watchman jobs`. Params: $limit.
// Columns: id, job, trigger, ranOn, startedAt, finishedAt, status, hostsChecked, hostsSkipped, error.
MATCH (r:JobRun)
RETURN r.id AS id, r.job AS job, r.trigger AS trigger, r.ranOn AS ranOn, r.startedAt AS startedAt,
       r.finishedAt AS finishedAt, r.status AS status, r.hostsChecked AS hostsChecked,
       r.hostsSkipped AS hostsSkipped, r.error AS error
ORDER BY r.startedAt DESC, r.id DESC
LIMIT $limit
