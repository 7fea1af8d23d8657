// Records new or changed files of a snapshot (only those: history grows with change, not time).
// Upserts the :ConfigFile's current state, closes its open :FileVersion at $seq and opens a new
// one valid from $seq. Replaying the same batch changes nothing (version ids are file@seq).
// Params: $hostId, $rootId, $seq, $rows: [{fileId, path, relPath, kind, sha256, size, mode, uid,
// gid, mtime, mtimeNanos, ctimeNanos, inode, dev, linkTarget, error}]. Columns: none.
MATCH (h:Host {id: $hostId})
UNWIND $rows AS r
MERGE (f:ConfigFile {id: r.fileId})
  ON CREATE SET f.hostId = $hostId, f.path = r.path
MERGE (h)-[:HAS_FILE]->(f)
SET f.rootId = $rootId, f.relPath = r.relPath, f.status = 'present', f.kind = r.kind,
    f.sha256 = r.sha256, f.size = r.size, f.mode = r.mode, f.uid = r.uid, f.gid = r.gid,
    f.mtime = r.mtime, f.mtimeNanos = r.mtimeNanos, f.ctimeNanos = r.ctimeNanos, f.inode = r.inode,
    f.dev = r.dev, f.linkTarget = r.linkTarget, f.error = r.error, f.lastSeq = $seq
WITH f, r
CALL (f) {
  MATCH (f)-[:HAS_VERSION]->(old:FileVersion)
  WHERE old.toSeq IS NULL AND old.fromSeq < $seq
  SET old.toSeq = $seq
}
MERGE (f)-[:HAS_VERSION]->(v:FileVersion {id: r.fileId + '@' + toString($seq)})
SET v.rootId = $rootId, v.fromSeq = $seq, v.kind = r.kind, v.sha256 = r.sha256, v.size = r.size,
    v.mode = r.mode, v.uid = r.uid, v.gid = r.gid, v.linkTarget = r.linkTarget, v.error = r.error
