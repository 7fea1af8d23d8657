// The one write of :ConfigFile, for every writer: a snapshot's scanned, touched and removed files,
// the watcher's live state, a first watch's baseline, and the bare file an API change names
// (ConfigFileRow builds each shape). MERGEs the host and the file and links them. A new file gets
// the row as it is (a null leaves the property out). An existing file takes only what the row knows:
//   status, rootId, relPath, lastSeq, mtime, mtimeNanos, ctimeNanos, inode, dev: null keeps the stored value;
//   kind, sha256, size, mode, uid, gid, linkTarget: the state, all or nothing, set (nulls included)
//     when kind is given;
//   error: set (null included) only by a snapshot's scanned row (rootId given): the watcher has no
//     error to report, so what a snapshot found stays;
//   onlyIfNew (a first watch's baseline): nothing at all, so a live event's or a snapshot's record
//     is never overwritten with that older state.
// Replaying a batch changes nothing.
// Params: $rows: [{fileId, hostId, path, rootId, relPath, status, kind, sha256, size, mode, uid, gid,
// mtime, mtimeNanos, ctimeNanos, inode, dev, linkTarget, error, lastSeq, onlyIfNew}]. Columns: none.
UNWIND $rows AS r
MERGE (h:Host {id: r.hostId})
WITH h, r, r.kind IS NOT NULL AND NOT r.onlyIfNew AS state
MERGE (f:ConfigFile {id: r.fileId})
  ON CREATE SET f.hostId = r.hostId, f.path = r.path, f.rootId = r.rootId, f.relPath = r.relPath,
                f.status = r.status, f.kind = r.kind, f.sha256 = r.sha256, f.size = r.size, f.mode = r.mode,
                f.uid = r.uid, f.gid = r.gid, f.mtime = r.mtime, f.mtimeNanos = r.mtimeNanos,
                f.ctimeNanos = r.ctimeNanos, f.inode = r.inode, f.dev = r.dev, f.linkTarget = r.linkTarget,
                f.error = r.error, f.lastSeq = r.lastSeq
  ON MATCH SET  f.status = CASE WHEN r.onlyIfNew THEN f.status ELSE coalesce(r.status, f.status) END,
                f.mtime = CASE WHEN r.onlyIfNew THEN f.mtime ELSE coalesce(r.mtime, f.mtime) END,
                f.rootId = coalesce(r.rootId, f.rootId), f.relPath = coalesce(r.relPath, f.relPath),
                f.lastSeq = coalesce(r.lastSeq, f.lastSeq), f.mtimeNanos = coalesce(r.mtimeNanos, f.mtimeNanos),
                f.ctimeNanos = coalesce(r.ctimeNanos, f.ctimeNanos), f.inode = coalesce(r.inode, f.inode),
                f.dev = coalesce(r.dev, f.dev),
                f.kind = CASE WHEN state THEN r.kind ELSE f.kind END,
                f.sha256 = CASE WHEN state THEN r.sha256 ELSE f.sha256 END,
                f.size = CASE WHEN state THEN r.size ELSE f.size END,
                f.mode = CASE WHEN state THEN r.mode ELSE f.mode END,
                f.uid = CASE WHEN state THEN r.uid ELSE f.uid END,
                f.gid = CASE WHEN state THEN r.gid ELSE f.gid END,
                f.linkTarget = CASE WHEN state THEN r.linkTarget ELSE f.linkTarget END,
                f.error = CASE WHEN state AND r.rootId IS NOT NULL THEN r.error ELSE f.error END
MERGE (h)-[:HAS_FILE]->(f)
