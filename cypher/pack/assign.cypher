// Assigns a pack to a host, by name: any assignment of another version of the same pack is
// replaced. Re-assigning keeps the original time. Params: $hostId, $packId, $at.
// Columns: hostId, hostName, pack, version, at.
MATCH (h:Host {id: $hostId}), (p:Pack {id: $packId})
CALL (h, p) {
  MATCH (h)-[old:ASSIGNED]->(o:Pack {name: p.name})
  WHERE o.id <> p.id
  DELETE old
}
MERGE (h)-[a:ASSIGNED]->(p)
  ON CREATE SET a.at = $at
RETURN h.id AS hostId, h.name AS hostName, p.name AS pack, p.version AS version, a.at AS at
