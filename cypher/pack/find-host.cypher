// Resolves a host given by id or name; an exact id match sorts first. Params: $ref.
// Columns: id, name.
MATCH (h:Host)
WHERE h.id = $ref OR h.name = $ref
RETURN h.id AS id, h.name AS name
ORDER BY CASE WHEN h.id = $ref THEN 0 ELSE 1 END, id
