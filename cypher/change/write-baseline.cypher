// The state of files found when a root is watched for the first time (no events: nothing is known
// to have changed). Only files the graph does not know yet: a live event already written for the
// same file, or a snapshot's record, is never overwritten with this older state.
// Params: $hostId, $rows: [{fileId, path, kind, sha256, size, mode, uid, gid, mtime, linkTarget}].
// Columns: none.
MERGE (h:Host {id: $hostId})
WITH h
UNWIND $rows AS r
MERGE (f:ConfigFile {id: r.fileId})
  ON CREATE SET f.hostId = $hostId, f.path = r.path, f.status = 'present', f.kind = r.kind,
                f.sha256 = r.sha256, f.size = r.size, f.mode = r.mode, f.uid = r.uid, f.gid = r.gid,
                f.mtime = r.mtime, f.linkTarget = r.linkTarget
MERGE (h)-[:HAS_FILE]->(f)
