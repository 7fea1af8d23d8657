// Silences for `watchman silence list`, latest end first. Params: $now, $all (false: only those
// still holding at $now). Columns: id, hostId, hostName, pack, reason, createdAt, endsAt, removedAt.
MATCH (s:Silence)
WHERE $all OR s.endsAt > $now
RETURN s.id AS id, s.hostId AS hostId, s.hostName AS hostName, s.pack AS pack, s.reason AS reason,
       s.createdAt AS createdAt, s.endsAt AS endsAt, s.removedAt AS removedAt
ORDER BY endsAt DESC, id
