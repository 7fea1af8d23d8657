// Heartbeat while serving. Params: $id. Columns: lastSeen.
MATCH (h:Host {id: $id})
SET h.lastSeen = datetime()
RETURN h.lastSeen AS lastSeen
