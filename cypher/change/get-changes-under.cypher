// get_changes(config_path): config changes of one file or of everything under a directory, newest
// first, found through the ConfigFile path index. $prefix is $path + '/' ('/' for the root).
// Params: $path, $prefix, $since (datetime), $hostId (null = every host), $changeType, $source, $limit.
// Columns: at, changeType, path, source, previousHash, currentHash, changes, detectedAtStartup, hostId, id.
MATCH (f:ConfigFile)
WHERE (f.path = $path OR f.path STARTS WITH $prefix)
  AND ($hostId IS NULL OR f.hostId = $hostId)
MATCH (e:Event)-[:AFFECTS]->(f)
WHERE e.type = 'config_change' AND e.at >= $since
  AND ($changeType IS NULL OR e.changeType = $changeType)
  AND ($source IS NULL OR e.source = $source)
RETURN e.at AS at, e.changeType AS changeType, e.path AS path, e.source AS source,
       e.previousHash AS previousHash, e.currentHash AS currentHash, e.changes AS changes,
       e.detectedAtStartup AS detectedAtStartup, e.hostId AS hostId, e.id AS id
ORDER BY at DESC, id
LIMIT $limit
