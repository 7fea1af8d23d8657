// Whether a :Snapshot with this id exists: the check behind `Refers: $p -> Snapshot.id` in a saved
// question's header, run before the question. Params: $value. Columns: found (boolean).
RETURN EXISTS { MATCH (:Snapshot {id: $value}) } AS found
