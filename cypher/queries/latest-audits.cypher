// Question: What did the latest audits find?
// Parameters: none.
// Columns: host, kind, scope, at, environment, status, issuesFound, issues (first 5), recommendations.
// The latest audit of each host per scope: a directory for `watchman audit`, a pack for each
// per-pack check.
MATCH (h:Host)-[:HAS_AUDIT]->(a:ConfigAudit)
WITH h, a ORDER BY a.at DESC
WITH h, a.kind AS kind, CASE a.kind WHEN 'pack' THEN a.pack ELSE a.root END AS scope, collect(a)[0] AS latest
RETURN h.name AS host, kind, scope, latest.at AS at, latest.environment AS environment,
       latest.complianceStatus AS status, latest.issuesFound AS issuesFound,
       latest.issues[0..5] AS issues, latest.recommendations AS recommendations
ORDER BY host, kind, scope
