// Question: Which packs are assigned to which machines, and how did their latest check go?
// Parameters: none.
// Columns: host, pack, version, assignedAt, lastCheck, status, mismatches.
MATCH (h:Host)-[asg:ASSIGNED]->(p:Pack)
OPTIONAL MATCH (h)-[:HAS_AUDIT]->(a:ConfigAudit {kind: 'pack', pack: p.name})
WITH h, asg, p, a ORDER BY a.at DESC
WITH h, asg, p, collect(a)[0] AS latest
RETURN h.name AS host, p.name AS pack, p.version AS version, asg.at AS assignedAt,
       latest.at AS lastCheck, latest.complianceStatus AS status, latest.issuesFound AS mismatches
ORDER BY host, pack
