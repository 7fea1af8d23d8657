// Closes, at snapshot $seq, the open version of files no longer in a root's tree. $status says
// why: 'missing' (gone from the tree) or 'excluded' (still there, but excluded from now on; no
// event is written for those). Params: $seq, $status, $rows: [{fileId}]. Columns: none.
UNWIND $rows AS r
MATCH (f:ConfigFile {id: r.fileId})
SET f.status = $status, f.lastSeq = $seq
WITH f
MATCH (f)-[:HAS_VERSION]->(old:FileVersion)
WHERE old.toSeq IS NULL AND old.fromSeq < $seq
SET old.toSeq = $seq
