// Question: What changed while Watchman was not running?
// Parameters: none.
// Columns: detectedAt, host, changeType, path, previousHash, currentHash, changes.
MATCH (e:Event {type: 'config_change'})
WHERE e.detectedAtStartup = true
OPTIONAL MATCH (h:Host {id: e.hostId})
RETURN e.at AS detectedAt, coalesce(h.name, e.hostId) AS host, e.changeType AS changeType, e.path AS path,
       e.previousHash AS previousHash, e.currentHash AS currentHash, e.changes AS changes
ORDER BY detectedAt DESC, path
