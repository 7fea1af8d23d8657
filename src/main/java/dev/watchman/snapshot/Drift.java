package dev.watchman.snapshot;

import java.util.List;

/**
 * What differs between two scans of the same root.
 *
 * @param root     the snapshot's root directory (null when not computed from a stored snapshot)
 * @param from     the stored snapshot compared from
 * @param to       the stored snapshot compared to, or the directory as scanned now
 * @param added    paths only in the later scan, sorted
 * @param removed  paths only in the earlier scan, sorted
 * @param modified paths in both whose content or metadata differ, sorted by path
 */
public record Drift(String root, String from, String to, List<String> added, List<String> removed,
                    List<Modified> modified) {

    /**
     * @param previousHash sha256 before (null unless it was a readable file)
     * @param currentHash  sha256 after (null unless it is a readable file)
     * @param changed      what changed, in this order, from: "type", "unreadable", "content",
     *                     "size", "mode", "owner", "target"
     */
    public record Modified(String path, String previousHash, String currentHash, List<String> changed) {
        public Modified {
            changed = List.copyOf(changed);
        }
    }

    public Drift {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        modified = List.copyOf(modified);
    }

    /** Drift of two scans, not (yet) tied to stored snapshots. */
    public Drift(List<String> added, List<String> removed, List<Modified> modified) {
        this(null, null, null, added, removed, modified);
    }

    /** This drift, reported as from snapshot {@code from} of {@code root} to {@code to}. */
    public Drift between(String root, String from, String to) {
        return new Drift(root, from, to, added, removed, modified);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && modified.isEmpty();
    }
}
