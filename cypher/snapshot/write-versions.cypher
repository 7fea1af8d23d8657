// The :FileVersion side of a snapshot's write, run after graph/upsert-config-files in the same
// transaction: closes each file's open version at r.seq and, when the row carries a state (kind
// given), opens a new one valid from r.seq; a row without one only closes (the file is gone from
// the tree or excluded from now on). History grows with change, not time. Replaying the same batch
// changes nothing (version ids are file@seq; a version opened at r.seq is not closed by r.seq).
// Params: $rows: [{fileId, rootId, seq, kind, sha256, size, mode, uid, gid, linkTarget, error}].
// Columns: none.
UNWIND $rows AS r
MATCH (f:ConfigFile {id: r.fileId})
CALL (f, r) {
  MATCH (f)-[:HAS_VERSION]->(old:FileVersion)
  WHERE old.toSeq IS NULL AND old.fromSeq < r.seq
  SET old.toSeq = r.seq
}
WITH f, r
WHERE r.kind IS NOT NULL
MERGE (f)-[:HAS_VERSION]->(v:FileVersion {id: r.fileId + '@' + toString(r.seq)})
SET v.rootId = r.rootId, v.fromSeq = r.seq, v.kind = r.kind, v.sha256 = r.sha256, v.size = r.size,
    v.mode = r.mode, v.uid = r.uid, v.gid = r.gid, v.linkTarget = r.linkTarget, v.error = r.error
