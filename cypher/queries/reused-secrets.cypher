// Question: Which secrets are stored in more than one place?
// Parameters: none.
// Columns: fingerprint, rule, places, locations (host:path:line).
// Same fingerprint = same value (same salt, i.e. one installation). Rotating one copy is not enough.
MATCH (h:Host)-[:HAS_AUDIT]->(a:ConfigAudit {kind: 'audit'})
WITH h, a ORDER BY a.at DESC
WITH h, a.root AS root, collect(a)[0] AS latest
MATCH (latest)-[:FOUND]->(f:Finding)
WITH f.fingerprint AS fingerprint, collect(DISTINCT f.ruleId)[0] AS rule,
     collect(DISTINCT h.name + ':' + f.path + ':' + toString(f.line)) AS locations
WHERE size(locations) > 1
RETURN fingerprint, rule, size(locations) AS places, locations
ORDER BY places DESC, fingerprint
