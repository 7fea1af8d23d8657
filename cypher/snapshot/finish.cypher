// Completes a snapshot: totals, how it relates to the last complete one, and the root's last
// complete sequence. Until this runs the snapshot stays complete = false.
// Params: $snapshotId, $rootId, $seq, $scanStartedAt, $completedAt, $totalFiles, $totalBytes,
// $durationMs, $hashedFiles, $reusedFiles, $unreadable, $baseline, $excludesChanged,
// $previousExcludes (null unless changed), $newlyExcluded, $newlyIncluded, $complete. Columns: id.
MATCH (s:Snapshot {id: $snapshotId}), (r:Root {id: $rootId})
SET s.complete = $complete, s.completedAt = $completedAt, s.totalFiles = $totalFiles,
    s.totalBytes = $totalBytes, s.durationMs = $durationMs, s.hashedFiles = $hashedFiles,
    s.reusedFiles = $reusedFiles, s.unreadable = $unreadable, s.baseline = $baseline,
    s.excludesChanged = $excludesChanged, s.previousExcludes = $previousExcludes,
    s.newlyExcluded = $newlyExcluded, s.newlyIncluded = $newlyIncluded
SET r.lastScanStartedAt = $scanStartedAt
FOREACH (_ IN CASE WHEN $complete THEN [1] ELSE [] END | SET r.lastCompleteSeq = $seq)
RETURN s.id AS id
