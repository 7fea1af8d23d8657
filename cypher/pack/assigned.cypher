// The packs assigned to one host. Params: $hostId. Columns: id, name, version, checksum, at.
MATCH (:Host {id: $hostId})-[a:ASSIGNED]->(p:Pack)
RETURN p.id AS id, p.name AS name, p.version AS version, p.checksum AS checksum, a.at AS at
ORDER BY name
