// A maintenance window: while it holds, checks of the host (all its packs, or $pack) are recorded
// but raise and send nothing. Params: $id, $hostId, $hostName, $pack (or null for every pack),
// $reason, $at, $endsAt. Columns: id.
MATCH (h:Host {id: $hostId})
CREATE (s:Silence {id: $id, hostId: $hostId, hostName: $hostName, pack: $pack, reason: $reason,
                   createdAt: $at, startsAt: $at, endsAt: $endsAt})
CREATE (s)-[:SILENCES]->(h)
RETURN s.id AS id
