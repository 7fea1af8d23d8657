// Upserts this machine's :Host at start. Params: $id, $name, $machineId, $os, $kernel. Columns: id.
MERGE (h:Host {id: $id})
  ON CREATE SET h.createdAt = datetime(), h.driftDetectionEnabled = true, h.displayName = $name
SET h.name = $name,
    h.machineId = $machineId,
    h.os = $os,
    h.kernel = $kernel,
    h.lastSeen = datetime()
RETURN h.id AS id
