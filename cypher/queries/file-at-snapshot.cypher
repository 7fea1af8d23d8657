// Question: What was the hash (and mode, owner) of this file in snapshot X?
// Parameters: $snapshotId, $path (absolute, e.g. /etc/ssh/sshd_config).
// Refers: $snapshotId -> Snapshot.id, $path -> ConfigFile.path
// Columns: path, sha256, size, mode (octal string, e.g. 0644), uid, gid, validFromSnapshot, validUntilSnapshot.
MATCH (s:Snapshot {id: $snapshotId})
MATCH (f:ConfigFile {path: $path})-[:HAS_VERSION]->(v:FileVersion)
WHERE f.rootId = s.rootId AND v.fromSeq <= s.seq AND (v.toSeq IS NULL OR v.toSeq > s.seq)
RETURN f.path AS path, v.sha256 AS sha256, v.size AS size, CASE WHEN v.mode >= 0 THEN toString(v.mode / 512 % 8) + toString(v.mode / 64 % 8) + toString(v.mode / 8 % 8) + toString(v.mode % 8) END AS mode, v.uid AS uid, v.gid AS gid,
       v.fromSeq AS validFromSnapshot, v.toSeq AS validUntilSnapshot
