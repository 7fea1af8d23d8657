// Question: What changed in the last N hours?
// Parameters: $since (datetime or ISO-8601 string, e.g. 2026-11-01T00:00:00Z).
// Columns: at, host, changeType, path, source, changes.
MATCH (e:Event)
WHERE e.type = 'config_change'
  AND e.at >= CASE WHEN $since IS :: STRING THEN datetime($since) ELSE $since END
OPTIONAL MATCH (h:Host {id: e.hostId})
RETURN e.at AS at, coalesce(h.name, e.hostId) AS host, e.changeType AS changeType, e.path AS path,
       e.source AS source, e.changes AS changes
ORDER BY at DESC
