package dev.watchman.graph;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/**
 * One real Neo4j per test JVM: the server named by NEO4J_URI (with NEO4J_USERNAME/NEO4J_PASSWORD)
 * when set, else an in-process neo4j-harness. {@link #fresh()} wipes it and applies the schema.
 */
public final class TestGraph {
    private static Neo4j harness;
    private static Graph graph;
    private static String uri;

    private TestGraph() {
    }

    /** The shared graph, wiped and with the schema applied. */
    public static synchronized Graph fresh() {
        Graph g = shared();
        g.autoCommit("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS");
        g.applySchema();
        return g;
    }

    /** The Bolt URI of the shared graph, for tests that drive the CLI through a config file. */
    public static synchronized String uri() {
        shared();
        return uri;
    }

    /** True when the suite runs against an external server that needs credentials. */
    public static String password() {
        return System.getenv("NEO4J_URI") == null ? null : System.getenv("NEO4J_PASSWORD");
    }

    private static Graph shared() {
        if (graph == null) {
            String external = System.getenv("NEO4J_URI");
            if (external != null && !external.isBlank()) {
                uri = external;
                graph = Graph.connect(uri, System.getenv().getOrDefault("NEO4J_USERNAME", "neo4j"),
                        System.getenv("NEO4J_PASSWORD"), null, Duration.ofSeconds(30));
            } else {
                harness = Neo4jBuilders.newInProcessBuilder().withDisabledServer().build();
                uri = harness.boltURI().toString();
                graph = Graph.connect(uri, "neo4j", null, null, Duration.ofSeconds(30));
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                graph.close();
                if (harness != null) {
                    harness.close();
                }
            }));
        }
        return graph;
    }

    /** Rows of an ad-hoc read as a set of tuples: easy to compare with expectations. */
    public static Set<List<Object>> tuples(String cypher, Map<String, Object> params) {
        Set<List<Object>> out = new HashSet<>();
        for (Map<String, Object> row : shared().readOnly(cypher, params, Duration.ofSeconds(60))) {
            out.add(new ArrayList<>(row.values()));
        }
        return out;
    }

    /** A write the code under test would not make: to stage a state such as an interrupted snapshot. */
    public static void write(String cypher, Map<String, Object> params) {
        shared().write(new Query("test", cypher), params);
    }

    public static long count(String cypher, Map<String, Object> params) {
        List<Map<String, Object>> rows = shared().readOnly(cypher, params, Duration.ofSeconds(60));
        return ((Number) rows.get(0).values().iterator().next()).longValue();
    }
}
