// get_changes without a path: config changes from every source, newest first. The (type, at)
// index serves the range and the order. $hostId null = every host; other filters null = any.
// Params: $since (datetime), $hostId, $changeType, $source, $limit.
// Columns: at, changeType, path, source, previousHash, currentHash, changes, detectedAtStartup, hostId, id.
MATCH (e:Event)
WHERE e.type = 'config_change' AND e.at >= $since
  AND ($hostId IS NULL OR e.hostId = $hostId)
  AND ($changeType IS NULL OR e.changeType = $changeType)
  AND ($source IS NULL OR e.source = $source)
RETURN e.at AS at, e.changeType AS changeType, e.path AS path, e.source AS source,
       e.previousHash AS previousHash, e.currentHash AS currentHash, e.changes AS changes,
       e.detectedAtStartup AS detectedAtStartup, e.hostId AS hostId, e.id AS id
ORDER BY at DESC, id
LIMIT $limit
