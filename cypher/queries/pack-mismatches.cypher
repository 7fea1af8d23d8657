// Question: Which rules of a pack fail on which machines right now?
// Parameters: $pack (pack name).
// Refers: $pack -> Pack.name
// Columns: host, rule, severity, path, expected, actual, checkedAt.
MATCH (h:Host)-[:HAS_AUDIT]->(a:ConfigAudit {kind: 'pack', pack: $pack})
WITH h, a ORDER BY a.at DESC
WITH h, collect(a)[0] AS latest
MATCH (latest)-[:HAS_MISMATCH]->(m:Mismatch)
RETURN h.name AS host, m.rule AS rule, m.severity AS severity, m.path AS path, m.expected AS expected,
       m.actual AS actual, latest.at AS checkedAt
ORDER BY host, rule, path
