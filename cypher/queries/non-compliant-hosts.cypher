// Question: Which machines are out of compliance, and with which pack?
// Parameters: none.
// Columns: host, hostId, pack, version, status, mismatches, checkedAt.
// Looks at the latest check of each pack currently assigned to each host; status is
// non_compliant or error (the check could not run to the end).
MATCH (h:Host)-[:ASSIGNED]->(assigned:Pack)
MATCH (h)-[:HAS_AUDIT]->(a:ConfigAudit {kind: 'pack', pack: assigned.name})
WITH h, assigned.name AS pack, a ORDER BY a.at DESC
WITH h, pack, collect(a)[0] AS latest
WHERE latest.complianceStatus <> 'compliant'
RETURN h.name AS host, h.id AS hostId, pack, latest.packVersion AS version,
       latest.complianceStatus AS status, latest.issuesFound AS mismatches, latest.at AS checkedAt
ORDER BY host, pack
