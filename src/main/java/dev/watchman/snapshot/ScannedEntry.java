package dev.watchman.snapshot;

/**
 * One filesystem object below a snapshot root, as {@link Scanner} saw it.
 *
 * @param path       relative to the root, '/'-separated; never empty (the root itself is not an
 *                   entry). Name bytes that are not valid UTF-8 appear as {@code \xNN} and a
 *                   literal backslash as {@code \\}, so the string is unique and stable; see
 *                   {@link dev.watchman.fs.PathNames}
 * @param kind       what the object is; {@link Kind#UNREADABLE} when it exists but could not be
 *                   read (then {@code error} says why)
 * @param size       st_size (for a symlink the length of its target); -1 if unknown
 * @param mode       permission bits including setuid/setgid/sticky ({@code st_mode & 07777});
 *                   -1 if unknown
 * @param uid        owner; -1 if unknown
 * @param gid        group; -1 if unknown
 * @param mtimeNanos modification time, nanoseconds since the epoch
 * @param ctimeNanos inode change time, nanoseconds since the epoch
 * @param inode      st_ino
 * @param dev        st_dev
 * @param nlink      hard link count
 * @param linkTarget for {@link Kind#SYMLINK} only: the target as stored, never followed
 * @param sha256     for {@link Kind#FILE} only: lowercase hex SHA-256 of the content
 * @param error      for {@link Kind#UNREADABLE}: the reason ("permission denied"). For a FILE
 *                   whose content kept changing while it was hashed: {@value #CHANGED_DURING_SCAN},
 *                   and the hash is that of one of the versions seen
 */
public record ScannedEntry(String path, Kind kind, long size, int mode, int uid, int gid,
                           long mtimeNanos, long ctimeNanos, long inode, long dev, int nlink,
                           String linkTarget, String sha256, String error) {

    /** {@link #error()} of a file that was still changing after one re-hash. */
    public static final String CHANGED_DURING_SCAN = "changed during scan";

    public enum Kind { FILE, DIR, SYMLINK, OTHER, UNREADABLE }

    public ScannedEntry {
        if (path == null || path.isEmpty() || kind == null) {
            throw new IllegalArgumentException("entry needs a non-empty path and a kind");
        }
    }

    /** True if the owner, group, mode and size were read (false when even lstat failed). */
    public boolean hasMetadata() {
        return mode >= 0;
    }

    /** True if this file's hash may not match its recorded metadata; never reuse it as a cache. */
    public boolean unstable() {
        return kind == Kind.FILE && error != null;
    }
}
