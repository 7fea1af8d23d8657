package dev.watchman.watch;

import java.time.Instant;

/**
 * What the watcher last knew about one path: content hash plus the stat fields that decide
 * whether the content has to be hashed again.
 *
 * <p>The graph keeps {@code sha256, size, mode, uid, gid, mtime}; {@code ctime} and {@code inode}
 * may be {@code null} when the state comes from there. A state with a missing field never counts
 * as "stat unchanged", so the file is hashed once and the gap costs one read, not a missed change.
 *
 * @param type    {@link #FILE}, {@link #SYMLINK} or {@link #OTHER} (fifo, socket, device)
 * @param sha256  lower-case hex SHA-256 of the content; for a symlink, of its target string
 *                (UTF-8); {@code null} for other types or when the file could not be read
 * @param size    bytes (for a symlink, the length of its target)
 * @param mode    permission bits including setuid/setgid/sticky ({@code mode & 07777})
 * @param target  symlink target as stored in the link, {@code null} for other types
 */
public record KnownState(String type, String sha256, long size, int mode, int uid, int gid,
        Instant mtime, Instant ctime, Long inode, String target) {

    public static final String FILE = "file";
    public static final String SYMLINK = "symlink";
    public static final String OTHER = "other";

    public KnownState {
        if (!FILE.equals(type) && !SYMLINK.equals(type) && !OTHER.equals(type)) {
            throw new IllegalArgumentException("KnownState type must be file, symlink or other: " + type);
        }
    }

    /** A regular file as the graph stores it: without ctime and inode. */
    public static KnownState of(String sha256, long size, int mode, int uid, int gid, Instant mtime) {
        return new KnownState(FILE, sha256, size, mode, uid, gid, mtime, null, null, null);
    }
}
