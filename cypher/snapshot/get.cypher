// One snapshot by id. Params: $id. Columns: id, hostId, rootId, root, environment, seq,
// createdAt, completedAt, complete, totalFiles, totalBytes, durationMs, excludes, lastSeq.
MATCH (r:Root)-[:HAS_SNAPSHOT]->(s:Snapshot {id: $id})
RETURN s.id AS id, s.hostId AS hostId, s.rootId AS rootId, s.root AS root, s.environment AS environment,
       s.seq AS seq, s.createdAt AS createdAt, s.completedAt AS completedAt, s.complete AS complete,
       s.totalFiles AS totalFiles, s.totalBytes AS totalBytes, s.durationMs AS durationMs,
       s.excludes AS excludes, r.lastSeq AS lastSeq
