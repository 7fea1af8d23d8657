// Question: Which files did snapshot X contain, with their hashes?
// Parameters: $snapshotId (e.g. snap-3f2a91c0-4).
// Refers: $snapshotId -> Snapshot.id
// Columns: path, kind, sha256, size, mode (octal string, e.g. 0644), uid, gid.
MATCH (s:Snapshot {id: $snapshotId})
MATCH (f:ConfigFile)-[:HAS_VERSION]->(v:FileVersion)
WHERE f.rootId = s.rootId AND v.fromSeq <= s.seq AND (v.toSeq IS NULL OR v.toSeq > s.seq)
RETURN f.path AS path, v.kind AS kind, v.sha256 AS sha256, v.size AS size, CASE WHEN v.mode >= 0 THEN toString(v.mode / 512 % 8) + toString(v.mode / 64 % 8) + toString(v.mode / 8 % 8) + toString(v.mode % 8) END AS mode,
       v.uid AS uid, v.gid AS gid
ORDER BY path
