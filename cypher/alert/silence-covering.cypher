// The silence holding for one (host, pack) at $at, if any: the one that ends last. Params: $hostId,
// $pack, $at. Columns: id, reason, endsAt.
MATCH (s:Silence {hostId: $hostId})
WHERE s.startsAt <= $at AND s.endsAt > $at AND (s.pack IS NULL OR s.pack = $pack)
RETURN s.id AS id, s.reason AS reason, s.endsAt AS endsAt
ORDER BY s.endsAt DESC
LIMIT 1
