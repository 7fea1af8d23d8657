// Alerts for `watchman alerts`, newest first. Params: $status ('active', 'resolved' or null for
// all), $hostId (or null). Columns: id, type, severity, status, title, message, hostId, hostName,
// pack, mismatchCount, diffUrl, createdAt, updatedAt, resolvedAt, resolvedBy.
MATCH (al:Alert)
WHERE ($status IS NULL OR al.status = $status) AND ($hostId IS NULL OR al.hostId = $hostId)
RETURN al.id AS id, al.type AS type, al.severity AS severity, al.status AS status, al.title AS title,
       al.message AS message, al.hostId AS hostId, al.hostName AS hostName, al.pack AS pack,
       al.mismatchCount AS mismatchCount, al.diffUrl AS diffUrl, al.createdAt AS createdAt,
       al.updatedAt AS updatedAt, al.resolvedAt AS resolvedAt, al.resolvedBy AS resolvedBy
ORDER BY createdAt DESC, id
LIMIT $limit
