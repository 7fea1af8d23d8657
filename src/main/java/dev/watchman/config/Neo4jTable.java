package dev.watchman.config;

import java.util.Set;

/**
 * {@code [neo4j]}: where the graph lives, as the file says it. NEO4J_URI, NEO4J_USERNAME and
 * NEO4J_PASSWORD are applied over it afterwards ({@link EnvOverrides#neo4j(Config.Neo4j)}).
 */
final class Neo4jTable {
    private static final Set<String> KEYS = Set.of("uri", "username", "password", "bolt_port", "http_port",
            "page_cache", "heap", "database");

    private Neo4jTable() {
    }

    static Config.Neo4j parse(TableReader top) {
        TableReader t = top.table("neo4j", KEYS);
        String uri = t.stringOrNull("uri");
        if (uri != null && Config.Neo4j.uriProblem(uri) != null) {
            throw t.bad("uri", "'" + Config.Neo4j.redact(uri) + "' is " + Config.Neo4j.uriProblem(uri));
        }
        String username = t.string("username", "neo4j");
        String password = t.string("password", null);
        int boltPort = t.port("bolt_port", 7687);
        int httpPort = t.port("http_port", 7474);
        String pageCache = t.string("page_cache", "256m");
        if (!pageCache.matches("(?i)\\d+[kmg]?")) {
            throw t.bad("page_cache", "'" + pageCache + "' is not a size; use e.g. \"256m\" or \"1g\"");
        }
        String heap = t.string("heap", "1g");
        if (!heap.matches("(?i)\\d+[kmg]")) {
            throw t.bad("heap", "'" + heap + "' is not a heap size; use e.g. \"1g\" or \"768m\"");
        }
        String database = t.string("database", null);
        return new Config.Neo4j(uri, username, password, boltPort, httpPort, pageCache, heap, database);
    }
}
