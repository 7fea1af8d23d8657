package dev.watchman.graph;

import java.time.Instant;
import java.util.Map;

/**
 * One row of {@code cypher/graph/upsert-config-files.cypher}, the only statement that writes
 * {@code :ConfigFile}. Each writer sends its own shape, made by one factory here; a null field
 * means "this writer does not know it, keep what is stored" (see the statement's header):
 * <ul>
 *   <li>{@link #scanned}: a snapshot's new or changed file, every property;</li>
 *   <li>{@link #touched}: a snapshot's unchanged file whose stat moved: mtime and the cache keys;</li>
 *   <li>{@link #removed}: a snapshot's file gone from the tree or excluded: status and lastSeq;</li>
 *   <li>{@link #observed}: the watcher's state (status, and the state unless deleted), or with
 *       {@code onlyIfNew} a first watch's baseline, which never overwrites a file the graph knows;</li>
 *   <li>{@link #named}: the file an API change names, identity only.</li>
 * </ul>
 *
 * @param fileId    {@link #id}(hostId, path)
 * @param kind      {@code FILE}, {@code DIR}, {@code SYMLINK}, {@code OTHER} or {@code UNREADABLE};
 *                  given, it sets the whole state (kind, sha256, size, mode, uid, gid, linkTarget)
 * @param rootId    the snapshot root; given only by a snapshot's {@link #scanned} row, which alone
 *                  also sets {@code error} (null included)
 * @param onlyIfNew a baseline: an existing file is left as it is
 */
public record ConfigFileRow(String fileId, String hostId, String path, String rootId, String relPath,
                            FileStatus status, String kind, String sha256, Long size, Integer mode, Integer uid,
                            Integer gid, Instant mtime, Long mtimeNanos, Long ctimeNanos, Long inode, Long dev,
                            String linkTarget, String error, Long lastSeq, boolean onlyIfNew) implements Row {

    public static final Query UPSERT = Query.of("graph/upsert-config-files");

    /** The :ConfigFile id of {@code path} on {@code hostId}: {@code hostId:path}. */
    public static String id(String hostId, String path) {
        return hostId + ":" + path;
    }

    /** A snapshot's new or changed file: its whole state, as of snapshot {@code seq}. */
    public static ConfigFileRow scanned(String hostId, String path, String rootId, String relPath, long seq,
                                        String kind, String sha256, long size, int mode, int uid, int gid,
                                        long mtimeNanos, long ctimeNanos, long inode, long dev, String linkTarget,
                                        String error) {
        return new ConfigFileRow(id(hostId, path), hostId, path, rootId, relPath, FileStatus.PRESENT, kind, sha256,
                size, mode, uid, gid, Instant.ofEpochSecond(0, mtimeNanos), mtimeNanos, ctimeNanos, inode, dev,
                linkTarget, error, seq, false);
    }

    /** A snapshot's unchanged file whose stat moved (a touch, an inode change): mtime and cache keys only. */
    public static ConfigFileRow touched(String hostId, String path, long mtimeNanos, long ctimeNanos, long inode,
                                        long dev) {
        return new ConfigFileRow(id(hostId, path), hostId, path, null, null, null, null, null, null, null, null, null,
                Instant.ofEpochSecond(0, mtimeNanos), mtimeNanos, ctimeNanos, inode, dev, null, null, null, false);
    }

    /** A snapshot's file no longer in its tree ({@code MISSING}) or excluded from now on ({@code EXCLUDED}). */
    public static ConfigFileRow removed(String hostId, String path, FileStatus status, long seq) {
        return new ConfigFileRow(id(hostId, path), hostId, path, null, null, status, null, null, null, null, null, null,
                null, null, null, null, null, null, null, seq, false);
    }

    /**
     * A state seen outside snapshots: the watcher's ({@code kind} null for a deletion: only the
     * status changes), or a first watch's baseline ({@code onlyIfNew}). Never the snapshot cache
     * keys, so a later snapshot hashes again what the watcher saw change.
     */
    public static ConfigFileRow observed(String hostId, String path, FileStatus status, String kind, String sha256,
                                         Long size, Integer mode, Integer uid, Integer gid, Instant mtime,
                                         String linkTarget, boolean onlyIfNew) {
        return new ConfigFileRow(id(hostId, path), hostId, path, null, null, status, kind, sha256, size, mode, uid, gid,
                mtime, null, null, null, null, linkTarget, null, null, onlyIfNew);
    }

    /** The file a change recorded through the API names: created if unknown, its state left alone. */
    public static ConfigFileRow named(String hostId, String path) {
        return new ConfigFileRow(id(hostId, path), hostId, path, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, false);
    }

    @Override
    public Map<String, Object> toParam() {
        return Row.params("fileId", fileId, "hostId", hostId, "path", path, "rootId", rootId, "relPath", relPath,
                "status", status == null ? null : status.label(), "kind", kind, "sha256", sha256, "size", size,
                "mode", mode, "uid", uid, "gid", gid, "mtime", Times.utc(mtime), "mtimeNanos", mtimeNanos,
                "ctimeNanos", ctimeNanos, "inode", inode, "dev", dev, "linkTarget", linkTarget, "error", error,
                "lastSeq", lastSeq, "onlyIfNew", onlyIfNew);
    }
}
