// Question: What changed in the last N hours?
// Parameters: $since (how far back: 30m, 24h, 7d, 2w, a date 2026-11-01 or an ISO date-time
// 2026-11-01T08:00:00Z; made a datetime before the question runs).
// Times: $since
// Columns: at, host, changeType, path, source, changes.
MATCH (e:Event)
WHERE e.type = 'config_change'
  AND e.at >= $since
OPTIONAL MATCH (h:Host {id: e.hostId})
RETURN e.at AS at, coalesce(h.name, e.hostId) AS host, e.changeType AS changeType, e.path AS path,
       e.source AS source, e.changes AS changes
ORDER BY at DESC
