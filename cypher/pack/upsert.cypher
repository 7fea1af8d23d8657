// Records loaded packs as versioned :Pack nodes (id name@version) and moves every assignment of
// an older or other version of the same name to this one: hosts are assigned packs by name, so a
// new version of a pack file takes over its assignments. The assignment keeps its original `at`.
// Params: $rows: [{id, name, version, checksum, description, source, ruleCount}], $at.
// Columns: name, version, moved (assignments moved to this version).
UNWIND $rows AS r
MERGE (p:Pack {id: r.id})
  ON CREATE SET p.firstSeen = $at
SET p.name = r.name, p.version = r.version, p.checksum = r.checksum, p.description = r.description,
    p.source = r.source, p.ruleCount = r.ruleCount, p.lastSeen = $at
WITH p, r
CALL (p, r) {
  MATCH (h:Host)-[a:ASSIGNED]->(old:Pack {name: r.name})
  WHERE old.id <> p.id
  MERGE (h)-[n:ASSIGNED]->(p)
    ON CREATE SET n.at = a.at
  DELETE a
  RETURN count(*) AS moved
}
RETURN p.name AS name, p.version AS version, moved
