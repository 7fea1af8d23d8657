// Whether a :Pack of this name is recorded (any version): the check behind
// `Refers: $p -> Pack.name` in a saved question's header. Params: $value. Columns: found (boolean).
RETURN EXISTS { MATCH (:Pack {name: $value}) } AS found
