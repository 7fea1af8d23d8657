// The one write of :Event: config changes from snapshots, the watcher and the API (EventRow), each
// linked to its file and, for a snapshot's, to the snapshot that saw it. The files are written
// first (graph/upsert-config-files, same transaction or an earlier one): an event whose file is
// not there is not written. Replaying a batch changes nothing: events MERGE on their deterministic
// id and keep what they were created with.
// Params: $rows: [{id, hostId, fileId, path, changeType, at, previousHash, currentHash, changes,
// source, detectedAtStartup, snapshotId (null unless a snapshot's)}]. Columns: none.
UNWIND $rows AS r
MATCH (f:ConfigFile {id: r.fileId})
MERGE (e:Event {id: r.id})
  ON CREATE SET e.type = 'config_change', e.changeType = r.changeType, e.at = r.at,
                e.previousHash = r.previousHash, e.currentHash = r.currentHash, e.changes = r.changes,
                e.source = r.source, e.path = r.path, e.hostId = r.hostId,
                e.detectedAtStartup = r.detectedAtStartup
MERGE (e)-[:AFFECTS]->(f)
WITH e, r
CALL (e, r) {
  MATCH (s:Snapshot {id: r.snapshotId})
  MERGE (s)-[:RECORDED]->(e)
}
