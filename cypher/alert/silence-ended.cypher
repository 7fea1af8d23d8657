// Silences that have ended by $now and whose host has not been checked since: the end follow-up
// checks them so drift still present raises its alert then. Params: $now. Columns: id, hostId.
MATCH (s:Silence)
WHERE s.endsAt <= $now AND s.endCheckedAt IS NULL
RETURN s.id AS id, s.hostId AS hostId
ORDER BY s.endsAt
