// Ends a silence now (kept as history); the end follow-up then checks its host. Params: $id, $now.
// Columns: id, ended (false when it had already ended).
MATCH (s:Silence {id: $id})
WITH s, s.endsAt > $now AS holding
SET s.endsAt = CASE WHEN holding THEN $now ELSE s.endsAt END,
    s.removedAt = CASE WHEN holding THEN $now ELSE s.removedAt END
RETURN s.id AS id, holding AS ended
