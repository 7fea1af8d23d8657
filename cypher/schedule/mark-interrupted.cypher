// At scheduler start: this host's runs of these jobs still "running" were cut off (serve crashed,
// was killed, or lost Neo4j before the finish was written). They become "interrupted"; finishedAt
// stays null because when they stopped is not known. Runs this process has going ($keep) are left.
// Params: $hostId, $jobs, $keep. Columns: id, job, startedAt.
MATCH (r:JobRun)
WHERE r.job IN $jobs AND r.ranOn = $hostId AND r.status = 'running' AND NOT r.id IN $keep
SET r.status = 'interrupted', r.error = 'serve stopped before the run finished'
RETURN r.id AS id, r.job AS job, r.startedAt AS startedAt
