package dev.watchman.graph;

/**
 * A named statement from {@code cypher/}. Feature classes hold these as constants, so a missing
 * file fails when the class loads — for the services, when the {@code Application} builds them at
 * start-up. {@code GraphIT} checks every name in the sources against the packaged files.
 */
public record Query(String name, String text) {
    public static Query of(String name) {
        return new Query(name, Cypher.text(name));
    }
}
