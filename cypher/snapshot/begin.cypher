// Starts a snapshot of one root: takes the root's next sequence number and creates the
// :Snapshot with complete = false, so a crash mid-write never leaves one that looks complete.
// Also returns what the snapshot is compared with: the previous one (possibly incomplete) and the
// last complete one, whose excludes tell an exclude change from a change of the tree.
// Params: $hostId, $rootId, $root, $rootKey, $environment, $excludes, $startedAt.
// Columns: id, seq, previousSeq, previousId, lastCompleteSeq, lastCompleteId, lastCompleteExcludes,
// lastScanStartedAt.
MATCH (h:Host {id: $hostId})
MERGE (r:Root {id: $rootId})
  ON CREATE SET r.hostId = $hostId, r.path = $root, r.lastSeq = 0, r.lastCompleteSeq = 0
MERGE (h)-[:HAS_ROOT]->(r)
WITH r, r.lastSeq AS previousSeq, r.lastCompleteSeq AS lastCompleteSeq, r.lastScanStartedAt AS lastScanStartedAt
OPTIONAL MATCH (prev:Snapshot {rootId: $rootId, seq: previousSeq})
OPTIONAL MATCH (last:Snapshot {rootId: $rootId, seq: lastCompleteSeq})
WITH r, previousSeq, lastCompleteSeq, lastScanStartedAt, prev.id AS previousId, last.id AS lastCompleteId,
     last.excludes AS lastCompleteExcludes
SET r.lastSeq = previousSeq + 1
CREATE (s:Snapshot {
  id: 'snap-' + $rootKey + '-' + toString(previousSeq + 1),
  hostId: $hostId, rootId: $rootId, root: $root, environment: $environment,
  seq: previousSeq + 1, createdAt: $startedAt, complete: false, excludes: $excludes
})
CREATE (r)-[:HAS_SNAPSHOT]->(s)
RETURN s.id AS id, s.seq AS seq, previousSeq, previousId, lastCompleteSeq, lastCompleteId, lastCompleteExcludes,
       lastScanStartedAt
