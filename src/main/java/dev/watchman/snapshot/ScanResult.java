package dev.watchman.snapshot;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one scan.
 *
 * @param entries  everything found below the root except excluded paths, sorted by path
 * @param complete false when some directory below the root could not be listed in full, so
 *                 entries under it are unknown (not absent); such a directory is recorded as
 *                 {@link ScannedEntry.Kind#UNREADABLE}
 */
public record ScanResult(Path root, List<ScannedEntry> entries, Totals totals, Instant startedAt,
                         Duration duration, boolean complete) {

    /**
     * @param files             regular files recorded (FILE entries)
     * @param bytes             their total size
     * @param hashedFiles       files read and hashed in this scan (hard links count once)
     * @param hashedBytes       bytes read to hash them
     * @param reused            files whose hash came from the prior scan
     * @param unreadable        UNREADABLE entries
     * @param vanished          objects listed but gone before they could be recorded
     * @param changedDuringScan files whose size/mtime/ctime moved while they were hashed
     */
    public record Totals(long files, long bytes, long hashedFiles, long hashedBytes, long reused,
                         long unreadable, long vanished, long changedDuringScan) {
    }

    public ScanResult {
        entries = List.copyOf(entries);
    }

    /** The entries keyed by path, in path order. */
    public Map<String, ScannedEntry> byPath() {
        Map<String, ScannedEntry> map = new LinkedHashMap<>(entries.size() * 2);
        for (ScannedEntry e : entries) {
            map.put(e.path(), e);
        }
        return Collections.unmodifiableMap(map);
    }
}
