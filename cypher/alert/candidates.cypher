// The hosts the drift check looks at: every host with assigned packs (or only $hostId), with its
// switch and last heartbeat. A host without the property (recorded before the switch existed)
// counts as enabled. Params: $hostId (or null for all). Columns: hostId, hostName, enabled,
// lastSeen, packs (names).
MATCH (h:Host)-[:ASSIGNED]->(p:Pack)
WHERE $hostId IS NULL OR h.id = $hostId
RETURN h.id AS hostId, h.name AS hostName, coalesce(h.driftDetectionEnabled, true) AS enabled,
       h.lastSeen AS lastSeen, collect(DISTINCT p.name) AS packs
ORDER BY hostName, hostId
