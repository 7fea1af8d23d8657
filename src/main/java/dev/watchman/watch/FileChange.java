package dev.watchman.watch;

import dev.watchman.ChangeType;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One change to one path, after debouncing: what the graph records as an {@code (:Event)}.
 *
 * @param path              absolute path
 * @param changeType        created, modified or deleted
 * @param previousHash      SHA-256 before the change, {@code null} for {@code created}
 * @param currentHash       SHA-256 after the change, {@code null} for {@code deleted}
 * @param changes           for {@code modified}, what differs, in this order: content, mode,
 *                          owner, size, type, target ({@code type} alone when the kind of entry
 *                          changed, e.g. a file replaced by a symlink); empty otherwise
 * @param at                when the watcher saw the change (not the file's mtime, which any
 *                          process can set)
 * @param detectedAtStartup the change happened while no watcher was running and was found by
 *                          comparing the disk with the state passed in at start
 * @param current           the state after the change, {@code null} for {@code deleted}; the
 *                          caller stores it and passes it back as the next start's known state
 */
public record FileChange(String path, ChangeType changeType, String previousHash, String currentHash,
        List<String> changes, Instant at, boolean detectedAtStartup, KnownState current) {

    // Short names for the watcher's code and tests; the type is ChangeType, shared with snapshots and the API.
    public static final ChangeType CREATED = ChangeType.CREATED;
    public static final ChangeType MODIFIED = ChangeType.MODIFIED;
    public static final ChangeType DELETED = ChangeType.DELETED;

    public static final String CONTENT = "content";
    public static final String MODE = "mode";
    public static final String OWNER = "owner";
    public static final String SIZE = "size";
    public static final String TYPE = "type";
    public static final String TARGET = "target";

    public FileChange {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(changeType, "changeType");
        changes = changes == null ? List.of() : List.copyOf(changes);
    }
}
