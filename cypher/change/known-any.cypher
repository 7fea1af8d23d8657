// Whether the graph has recorded any file (present or missing) of this host under $root: if not,
// the root is watched for the first time and its files are a baseline, not changes.
// Params: $hostId, $root (absolute, normalised). Columns: path (one row at most).
MATCH (f:ConfigFile)
WHERE f.path STARTS WITH $root AND f.hostId = $hostId
  AND (f.path = $root OR $root = '/' OR f.path STARTS WITH $root + '/')
RETURN f.path AS path
LIMIT 1
