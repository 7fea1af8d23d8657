// Marks ended silences as followed up. Params: $ids, $at. Columns: none.
UNWIND $ids AS id
MATCH (s:Silence {id: id})
SET s.endCheckedAt = $at
