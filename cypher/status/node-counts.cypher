// Node counts by label, from the count store (db.stats GRAPH COUNTS): constant time however large
// the graph; a MATCH per label would scan. Params: none. Columns: label, count.
CALL db.stats.retrieve('GRAPH COUNTS') YIELD data
UNWIND data.nodes AS n
WITH n
WHERE n.label IS NOT NULL
RETURN n.label AS label, n.count AS count
ORDER BY label
