// Question: How has this file changed over time, snapshot by snapshot?
// Parameters: $path (absolute).
// Refers: $path -> ConfigFile.path
// Columns: host, fromSeq, toSeq, sha256, size, mode (octal string, e.g. 0644), uid, gid, kind.
MATCH (h:Host)-[:HAS_FILE]->(f:ConfigFile {path: $path})-[:HAS_VERSION]->(v:FileVersion)
RETURN h.name AS host, v.fromSeq AS fromSeq, v.toSeq AS toSeq, v.sha256 AS sha256, v.size AS size,
       CASE WHEN v.mode >= 0 THEN toString(v.mode / 512 % 8) + toString(v.mode / 64 % 8) + toString(v.mode / 8 % 8) + toString(v.mode % 8) END AS mode, v.uid AS uid, v.gid AS gid, v.kind AS kind
ORDER BY host, fromSeq
