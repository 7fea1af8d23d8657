// Node counts by label, read from the count store (no scan). Params: none. Columns: label, count.
CALL db.labels() YIELD label
CALL (label) {
  MATCH (n:$(label))
  RETURN count(n) AS count
}
RETURN label, count
ORDER BY label
