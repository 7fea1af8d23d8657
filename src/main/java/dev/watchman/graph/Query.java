package dev.watchman.graph;

/**
 * A named statement from {@code cypher/}. Feature classes hold these as constants, so a missing
 * file fails when the class loads; {@link Queries#verify} loads them all at start-up.
 */
public record Query(String name, String text) {
    public static Query of(String name) {
        return new Query(name, Cypher.text(name));
    }
}
