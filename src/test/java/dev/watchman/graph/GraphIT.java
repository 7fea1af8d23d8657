package dev.watchman.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import dev.watchman.host.HostIdentity;
import dev.watchman.host.HostService;
import dev.watchman.query.QueryService;
import dev.watchman.query.StatusService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphIT {
    Graph graph;

    @BeforeEach
    void wipe() {
        graph = TestGraph.fresh();
    }

    @Test
    void schemaAppliesTwiceAndCoversEveryLabel() {
        graph.applySchema();
        long constraints = TestGraph.count("SHOW CONSTRAINTS YIELD labelsOrTypes RETURN count(*)", Map.of());
        assertTrue(constraints >= 12, "constraints: " + constraints);
        assertEquals(Stream.of("Host", "Root", "ConfigFile", "FileVersion", "Snapshot", "Event", "ConfigAudit",
                        "Finding", "Pack", "Alert", "Software", "Mismatch", "Notification", "JobRun", "Silence").map(l -> List.<Object>of(List.of(l), List.of("id"))).count(),
                TestGraph.tuples("SHOW CONSTRAINTS YIELD labelsOrTypes, properties WHERE properties = ['id'] "
                        + "RETURN labelsOrTypes, properties", Map.of()).size());
    }

    @Test
    void hostUpsertIsIdempotentAndStatusCountsIt() {
        HostIdentity id = new HostIdentity("test-host-1", "alpha", "abc", "Debian", "6.1");
        HostService hosts = new HostService(graph, id);
        hosts.upsert();
        hosts.upsert();
        hosts.heartbeat();
        assertEquals(1, TestGraph.count("MATCH (h:Host) RETURN count(h)", Map.of()));
        StatusService.Status s = new StatusService(graph).status("external", id);
        assertEquals(1L, s.nodeCounts().get("Host"));
        assertEquals("test-host-1", s.hostId());
        assertTrue(s.neo4jVersion().startsWith("5."), s.neo4jVersion());
        assertEquals(Map.of("name", "alpha", "os", "Debian"), graph.readOnly(
                "MATCH (h:Host {id: $id}) RETURN h.name AS name, h.os AS os", Map.of("id", "test-host-1"),
                Duration.ofSeconds(5)).get(0));
    }

    @Test
    void userQueriesAreReadOnly() {
        WatchmanException e = assertThrows(WatchmanException.class,
                () -> new QueryService(graph).run("CREATE (n:Intruder) RETURN n", Map.of()));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertEquals(0, TestGraph.count("MATCH (n:Intruder) RETURN count(n)", Map.of()));
    }

    @Test
    void savedQuestionsRunByNameWithParameters() {
        new HostService(graph, new HostIdentity("h2", "beta", null, "x", "y")).upsert();
        List<Map<String, Object>> rows = new QueryService(graph).run("hosts", Map.of());
        assertEquals("beta", rows.get(0).get("name"));
        assertTrue(QueryService.saved().stream().allMatch(s -> !s.question().isBlank()),
                "every saved question has a '// Question:' header");
    }

    @Test
    void routingUrisWorkAgainstASingleServer() {
        try (Graph g = Graph.connect(TestGraph.uri().replaceFirst("^bolt", "neo4j"), "neo4j", TestGraph.password(), null,
                Duration.ofSeconds(10))) {
            assertEquals(1L, g.readOnly("RETURN 1 AS one", Map.of(), Duration.ofSeconds(5)).get(0).get("one"));
        }
    }

    @Test
    void unreachableServerIsExitCodeThreeNamingTheUri() {
        WatchmanException e = assertThrows(WatchmanException.class,
                () -> Graph.connect("bolt://127.0.0.1:1", "neo4j", "x", null, Duration.ofSeconds(2)));
        assertEquals(ExitCode.GRAPH, e.exitCode());
        assertTrue(e.getMessage().contains("bolt://127.0.0.1:1"), e.getMessage());
    }

    @Test
    void everyQueryNamedInTheSourcesExistsAndEveryFileIsNamed() throws IOException {
        Pattern ref = Pattern.compile("Query\\.of\\(\"([^\"]+)\"\\)");
        java.util.Set<String> named = new java.util.TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                Matcher m = ref.matcher(Files.readString(p));
                while (m.find()) {
                    assertTrue(Cypher.all().containsKey(m.group(1)), p + " names missing cypher/" + m.group(1));
                    named.add(m.group(1));
                }
            }
        }
        // Saved questions are found by directory, the schema is applied file by file.
        java.util.List<String> unused = Cypher.all().keySet().stream()
                .filter(n -> !n.startsWith("queries/") && !n.startsWith("schema/") && !named.contains(n)).toList();
        assertEquals(java.util.List.of(), unused, "Cypher files no code names");
    }

    @Test
    void storeLockAdmitsOneOwner(@TempDir Path dir) {
        try (StoreLock first = StoreLock.tryAcquire(dir, "serve")) {
            assertTrue(first != null);
            assertEquals(null, StoreLock.tryAcquire(dir, "command"));
            assertEquals("serve", StoreLock.owner(dir).role());
            assertEquals(ProcessHandle.current().pid(), StoreLock.owner(dir).pid());
        }
        try (StoreLock again = StoreLock.tryAcquire(dir, "command")) {
            assertTrue(again != null);
        }
    }

}
