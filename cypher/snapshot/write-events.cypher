// Change events found by a snapshot, linked to the file and the snapshot that saw them.
// Params: $snapshotId, $at, $rows: [{id, fileId, changeType, previousHash, currentHash, changes}].
// Columns: none.
MATCH (s:Snapshot {id: $snapshotId})
UNWIND $rows AS r
MATCH (f:ConfigFile {id: r.fileId})
MERGE (e:Event {id: r.id})
  ON CREATE SET e.type = 'config_change', e.changeType = r.changeType, e.at = $at,
                e.previousHash = r.previousHash, e.currentHash = r.currentHash, e.changes = r.changes,
                e.source = 'snapshot', e.path = f.path, e.hostId = f.hostId, e.detectedAtStartup = false
MERGE (e)-[:AFFECTS]->(f)
MERGE (s)-[:RECORDED]->(e)
