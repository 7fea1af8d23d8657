// Change events from the watcher or the API, in queue order, with the file's current state.
// Replaying a batch changes nothing: events MERGE on their deterministic id, and the state set is
// the same. The host is MERGEd, not matched, so a batch written to a fresh store is never dropped.
// Params: $rows: [{id, hostId, fileId, path, changeType, at, previousHash, currentHash, changes,
// source, detectedAtStartup, status, kind, sha256, size, mode, uid, gid, mtime, linkTarget}]
// (status null: leave the file's state alone; kind null: only the status changes).
// Columns: none.
UNWIND $rows AS r
MERGE (h:Host {id: r.hostId})
MERGE (f:ConfigFile {id: r.fileId})
  ON CREATE SET f.hostId = r.hostId, f.path = r.path
MERGE (h)-[:HAS_FILE]->(f)
MERGE (e:Event {id: r.id})
  ON CREATE SET e.type = 'config_change', e.changeType = r.changeType, e.at = r.at,
                e.previousHash = r.previousHash, e.currentHash = r.currentHash, e.changes = r.changes,
                e.source = r.source, e.path = r.path, e.hostId = r.hostId,
                e.detectedAtStartup = r.detectedAtStartup
MERGE (e)-[:AFFECTS]->(f)
SET f.status = coalesce(r.status, f.status)
WITH f, r
WHERE r.kind IS NOT NULL
SET f.kind = r.kind, f.sha256 = r.sha256, f.size = r.size, f.mode = r.mode, f.uid = r.uid,
    f.gid = r.gid, f.mtime = r.mtime, f.linkTarget = r.linkTarget
