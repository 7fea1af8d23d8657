// Question: Who changed this file, and when?
// Parameters: $path (absolute).
// Refers: $path -> ConfigFile.path
// Columns: at, host, changeType, source, previousHash, currentHash, changes, detectedAtStartup.
MATCH (h:Host)-[:HAS_FILE]->(f:ConfigFile {path: $path})<-[:AFFECTS]-(e:Event {type: 'config_change'})
RETURN e.at AS at, h.name AS host, e.changeType AS changeType, e.source AS source,
       e.previousHash AS previousHash, e.currentHash AS currentHash, e.changes AS changes,
       e.detectedAtStartup AS detectedAtStartup
ORDER BY at DESC
