// Snapshots, newest first, optionally of one root path. Params: $root (null for all), $hostId
// (null for all hosts). Columns: id, host, root, environment, seq, createdAt, complete,
// totalFiles, totalBytes, durationMs.
MATCH (h:Host)-[:HAS_ROOT]->(r:Root)-[:HAS_SNAPSHOT]->(s:Snapshot)
WHERE ($root IS NULL OR r.path = $root) AND ($hostId IS NULL OR h.id = $hostId)
RETURN s.id AS id, h.name AS host, s.root AS root, s.environment AS environment, s.seq AS seq,
       s.createdAt AS createdAt, s.complete AS complete, s.totalFiles AS totalFiles,
       s.totalBytes AS totalBytes, s.durationMs AS durationMs
ORDER BY s.createdAt DESC, s.seq DESC
