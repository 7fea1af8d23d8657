// Question: Which files did snapshot X contain, with their hashes?
// Parameters: $snapshotId (e.g. snap-3f2a91c0-4).
// Columns: path, kind, sha256, size, mode, uid, gid.
MATCH (s:Snapshot {id: $snapshotId})
MATCH (f:ConfigFile)-[:HAS_VERSION]->(v:FileVersion)
WHERE f.rootId = s.rootId AND v.fromSeq <= s.seq AND (v.toSeq IS NULL OR v.toSeq > s.seq)
RETURN f.path AS path, v.kind AS kind, v.sha256 AS sha256, v.size AS size, v.mode AS mode,
       v.uid AS uid, v.gid AS gid
ORDER BY path
