// Removes the assignment of pack $name (any version) from a host. Params: $hostId, $name.
// Columns: removed (0 when the pack was not assigned).
OPTIONAL MATCH (:Host {id: $hostId})-[a:ASSIGNED]->(:Pack {name: $name})
DELETE a
RETURN count(a) AS removed
