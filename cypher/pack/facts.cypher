// The latest recorded state of files by id (hostId:absolutePath), for pack rules on exact paths.
// Params: $ids. Columns: id, status, kind, sha256, mode, uid, gid.
UNWIND $ids AS id
MATCH (f:ConfigFile {id: id})
RETURN f.id AS id, f.status AS status, f.kind AS kind, f.sha256 AS sha256, f.mode AS mode,
       f.uid AS uid, f.gid AS gid
