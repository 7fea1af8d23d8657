// Question: Where are secrets stored in clear text?
// Parameters: none.
// Columns: host, path, line, rule, severity, fingerprint, recommendation, auditedAt.
// Findings of the latest `watchman audit` of each audited directory. Values are never stored:
// the fingerprint (HMAC with this installation's salt) shows where the same secret recurs.
MATCH (h:Host)-[:HAS_AUDIT]->(a:ConfigAudit {kind: 'audit'})
WITH h, a ORDER BY a.at DESC
WITH h, a.root AS root, collect(a)[0] AS latest
MATCH (latest)-[:FOUND]->(f:Finding)
RETURN h.name AS host, f.path AS path, f.line AS line, f.ruleId AS rule, f.severity AS severity,
       f.fingerprint AS fingerprint, f.recommendation AS recommendation, latest.at AS auditedAt
ORDER BY host, path, line
