// Drift between two sequences $from < $to of one root, as an interval query: only versions that
// start or end in ($from, $to] are touched (index seeks on rootId + fromSeq / toSeq), so the cost
// follows the amount of change, not the size of the tree.
// Params: $rootId, $from, $to. Columns: relPath, before (map or null), after (map or null).
CALL {
  MATCH (v:FileVersion) WHERE v.rootId = $rootId AND v.fromSeq > $from AND v.fromSeq <= $to
  RETURN v
  UNION
  MATCH (v:FileVersion) WHERE v.rootId = $rootId AND v.toSeq > $from AND v.toSeq <= $to
  RETURN v
}
MATCH (f:ConfigFile)-[:HAS_VERSION]->(v)
WITH DISTINCT f
OPTIONAL MATCH (f)-[:HAS_VERSION]->(b:FileVersion)
  WHERE b.fromSeq <= $from AND (b.toSeq IS NULL OR b.toSeq > $from)
OPTIONAL MATCH (f)-[:HAS_VERSION]->(a:FileVersion)
  WHERE a.fromSeq <= $to AND (a.toSeq IS NULL OR a.toSeq > $to)
RETURN f.relPath AS relPath,
       CASE WHEN b IS NULL THEN null ELSE b {.kind, .sha256, .size, .mode, .uid, .gid, .linkTarget, .error} END AS before,
       CASE WHEN a IS NULL THEN null ELSE a {.kind, .sha256, .size, .mode, .uid, .gid, .linkTarget, .error} END AS after
