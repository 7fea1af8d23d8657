// Question: Which machines does Watchman know, and when did each last report?
// Parameters: none.
// Columns: id, name, os, kernel, lastSeen, driftDetectionEnabled.
MATCH (h:Host)
RETURN h.id AS id, h.name AS name, h.os AS os, h.kernel AS kernel, h.lastSeen AS lastSeen,
       h.driftDetectionEnabled AS driftDetectionEnabled
ORDER BY h.name
