// Question: What was the hash (and mode, owner) of this file in snapshot X?
// Parameters: $snapshotId, $path (absolute, e.g. /etc/ssh/sshd_config).
// Columns: path, sha256, size, mode, uid, gid, validFromSnapshot, validUntilSnapshot.
MATCH (s:Snapshot {id: $snapshotId})
MATCH (f:ConfigFile {path: $path})-[:HAS_VERSION]->(v:FileVersion)
WHERE f.rootId = s.rootId AND v.fromSeq <= s.seq AND (v.toSeq IS NULL OR v.toSeq > s.seq)
RETURN f.path AS path, v.sha256 AS sha256, v.size AS size, v.mode AS mode, v.uid AS uid, v.gid AS gid,
       v.fromSeq AS validFromSnapshot, v.toSeq AS validUntilSnapshot
