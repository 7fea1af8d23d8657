package dev.watchman.snapshot;

import dev.watchman.fs.FileStat;
import java.time.Instant;

/**
 * What an earlier scan knew about a file: enough to decide that the file is unchanged and its
 * hash can be reused. The cache key is (dev, inode, size, mtime, ctime); any difference means
 * re-hash. ctime is in the key because it cannot be set from user space, so content rewritten
 * with the old size and a restored mtime is still caught.
 */
public record PriorEntry(String sha256, long dev, long inode, long size, long mtimeNanos,
                         long ctimeNanos) {

    /*
     * Racy-git problem: a file rewritten within the same timestamp tick as (and after) the prior
     * hash keeps size, mtime and ctime, yet has new content. Entries whose ctime is that close to
     * the prior scan's start are therefore not offered as cache. Filesystems with whole-second
     * timestamps need a window of seconds; nanosecond ones only a kernel clock tick or two.
     */
    private static final long COARSE_WINDOW_NANOS = 2_000_000_000L;
    private static final long FINE_WINDOW_NANOS = 50_000_000L;

    /**
     * The cacheable part of an entry recorded by a scan that started at {@code scanStartedAt}, or
     * null if it must not be reused: not a file, no hash, hash flagged unstable, or ctime too close
     * to the scan's start to rule out a later same-tick rewrite.
     */
    public static PriorEntry of(ScannedEntry e, Instant scanStartedAt) {
        if (e.kind() != ScannedEntry.Kind.FILE || e.sha256() == null || e.unstable()) {
            return null;
        }
        long started = scanStartedAt.getEpochSecond() * 1_000_000_000L + scanStartedAt.getNano();
        boolean wholeSeconds = e.ctimeNanos() % 1_000_000_000L == 0
                && e.mtimeNanos() % 1_000_000_000L == 0;
        long window = wholeSeconds ? COARSE_WINDOW_NANOS : FINE_WINDOW_NANOS;
        if (e.ctimeNanos() >= started - window) {
            return null;
        }
        return new PriorEntry(e.sha256(), e.dev(), e.inode(), e.size(), e.mtimeNanos(),
                e.ctimeNanos());
    }

    boolean matches(FileStat st) {
        return st.dev() == dev && st.inode() == inode && st.size() == size
                && st.mtimeNanos() == mtimeNanos && st.ctimeNanos() == ctimeNanos;
    }
}
