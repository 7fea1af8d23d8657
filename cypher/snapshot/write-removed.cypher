// Marks files gone from a root in snapshot $seq: status missing, open version closed at $seq.
// Params: $seq, $rows: [{fileId}]. Columns: none.
UNWIND $rows AS r
MATCH (f:ConfigFile {id: r.fileId})
SET f.status = 'missing', f.lastSeq = $seq
WITH f
MATCH (f)-[:HAS_VERSION]->(old:FileVersion)
WHERE old.toSeq IS NULL AND old.fromSeq < $seq
SET old.toSeq = $seq
