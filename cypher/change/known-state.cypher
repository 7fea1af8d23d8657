// The last recorded state of every present file under the watch roots, for start-up
// reconciliation (what changed while no watcher ran). One STARTS WITH per root uses the path index.
// A file snapshots no longer track ('excluded') is still on disk as last recorded, so it counts.
// Params: $hostId, $roots: absolute normalised paths (files or directories).
// Columns: path, kind, sha256, size, mode, uid, gid, mtime, linkTarget.
UNWIND $roots AS root
MATCH (f:ConfigFile)
WHERE f.path STARTS WITH root AND f.hostId = $hostId AND f.status IN ['present', 'excluded']
  AND (f.path = root OR root = '/' OR f.path STARTS WITH root + '/')
RETURN f.path AS path, f.kind AS kind, f.sha256 AS sha256, f.size AS size, f.mode AS mode,
       f.uid AS uid, f.gid AS gid, f.mtime AS mtime, f.linkTarget AS linkTarget
