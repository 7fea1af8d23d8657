// The mismatches of one per-pack check, as :Mismatch nodes under its :ConfigAudit, so "which
// hosts fail rule X" and day-to-day comparisons are plain graph queries. `actual` never quotes
// file content (the evaluator says which line, not what it says).
// Params: $auditId, $rows: [{id, path, rule, severity, expected, actual}]. Columns: none.
MATCH (a:ConfigAudit {id: $auditId})
UNWIND $rows AS r
CREATE (a)-[:HAS_MISMATCH]->(:Mismatch {id: r.id, auditId: $auditId, path: r.path, rule: r.rule,
                                        severity: r.severity, expected: r.expected, actual: r.actual})
