package dev.watchman.pack;

import java.util.List;

/**
 * A compliance pack: named, versioned desired state.
 *
 * @param source file name it was loaded from
 * @param sha256 SHA-256 of the file bytes, so the graph can tell which revision a result used
 */
public record Pack(String name, String version, String description, List<PackRule> rules, String source,
                   String sha256) {

    public Pack {
        rules = List.copyOf(rules);
    }
}
