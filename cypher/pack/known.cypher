// How many :Pack versions the graph holds under a name. Params: $name. Columns: n.
MATCH (p:Pack {name: $name})
RETURN count(p) AS n
