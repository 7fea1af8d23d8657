// `watchman host set HOST --drift-detection=…`: switches the drift check for one host.
// Params: $hostId, $enabled. Columns: hostId, hostName, enabled.
MATCH (h:Host {id: $hostId})
SET h.driftDetectionEnabled = $enabled
RETURN h.id AS hostId, h.name AS hostName, h.driftDetectionEnabled AS enabled
