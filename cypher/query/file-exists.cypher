// Whether any host has recorded a :ConfigFile at this path: the check behind
// `Refers: $p -> ConfigFile.path` in a saved question's header. Params: $value (absolute path).
// Columns: found (boolean).
RETURN EXISTS { MATCH (:ConfigFile {path: $value}) } AS found
