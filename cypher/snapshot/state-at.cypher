// Every file of a root as recorded at sequence $seq: the version valid at $seq of each file,
// plus the file's current stat (used only as a hash cache). Params: $rootId, $seq.
// Columns: relPath, kind, sha256, size, mode, uid, gid, linkTarget, error, mtimeNanos, ctimeNanos,
// inode, dev.
MATCH (f:ConfigFile)-[:HAS_VERSION]->(v:FileVersion)
WHERE f.rootId = $rootId AND v.fromSeq <= $seq AND (v.toSeq IS NULL OR v.toSeq > $seq)
RETURN f.relPath AS relPath, v.kind AS kind, v.sha256 AS sha256, v.size AS size, v.mode AS mode,
       v.uid AS uid, v.gid AS gid, v.linkTarget AS linkTarget, v.error AS error,
       f.mtimeNanos AS mtimeNanos, f.ctimeNanos AS ctimeNanos, f.inode AS inode, f.dev AS dev
