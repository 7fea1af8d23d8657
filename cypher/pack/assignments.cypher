// Every assignment, for `watchman packs list|show`. Params: $name (a pack name, or null for all).
// Columns: pack, version, hostId, hostName, at.
MATCH (h:Host)-[a:ASSIGNED]->(p:Pack)
WHERE $name IS NULL OR p.name = $name
RETURN p.name AS pack, p.version AS version, h.id AS hostId, h.name AS hostName, a.at AS at
ORDER BY pack, hostName, hostId
