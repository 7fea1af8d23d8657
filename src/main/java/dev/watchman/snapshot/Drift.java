package dev.watchman.snapshot;

import java.util.List;

/**
 * What differs between two scans of the same root.
 *
 * @param added    paths only in the later scan, sorted
 * @param removed  paths only in the earlier scan, sorted
 * @param modified paths in both whose content or metadata differ, sorted by path
 */
public record Drift(List<String> added, List<String> removed, List<Modified> modified) {

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

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && modified.isEmpty();
    }
}
