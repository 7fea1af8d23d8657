package dev.watchman.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.watchman.ChangeType;
import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import dev.watchman.graph.Graph;
import dev.watchman.graph.TestGraph;
import dev.watchman.watch.KnownState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/** The queue-to-graph path: batches, replays, a Neo4j that goes away, a restart in between. */
class EventWriterIT {
    static final String HOST = "writer-it-host";
    static final Instant T0 = Instant.parse("2026-11-01T08:00:00Z");

    @TempDir
    Path tmp;

    static List<ChangeEvent> events(int from, int n) {
        List<ChangeEvent> out = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            String path = "/etc/app/f" + i + ".conf";
            Instant at = T0.plusMillis(i);
            String hash = ChangeWatchIT.sha("v" + i);
            out.add(new ChangeEvent(ChangeEvent.idOf(HOST, path, ChangeType.CREATED, null, hash, at), HOST, path,
                    ChangeType.CREATED, at,
                    null, hash, List.of(), ChangeEvent.WATCHER, false,
                    new KnownState(KnownState.FILE, hash, 2, 0644, 0, 0, at, at, (long) i, null)));
        }
        return out;
    }

    static Object count(Graph g) {
        return g.readOnly("MATCH (e:Event) RETURN count(e) AS n", Map.of(), Duration.ofSeconds(30)).get(0).get("n");
    }

    @Test
    void replayingTheSameBatchAddsNothing() throws Exception {
        Graph g = TestGraph.fresh();
        List<ChangeEvent> batch = events(0, 500);
        ChangeStore.write(g, batch);
        ChangeStore.write(g, batch);
        try (EventWriter w = EventWriter.open(() -> g, tmp.resolve("q"))) {
            w.record(batch);
            w.record(batch);
            assertTrue(w.awaitDrained(Duration.ofSeconds(30)));
        }
        assertEquals(500, TestGraph.count("MATCH (e:Event) RETURN count(e)", Map.of()));
        assertEquals(500, TestGraph.count("MATCH (:Event)-[r:AFFECTS]->() RETURN count(r)", Map.of()));
        assertEquals(500, TestGraph.count("MATCH (:Host {id: $h})-[r:HAS_FILE]->() RETURN count(r)", Map.of("h", HOST)));
    }

    @Test
    void apiRecordedChangesKeepTheirSourceAndLeaveTheFileAlone() {
        Graph g = TestGraph.fresh();
        ChangeService s = new ChangeService(g);
        ChangeEvent e = s.recordChange(HOST, "/etc/app/x.conf", "modified", "aa", "bb", List.of("content"), "", T0);
        s.recordChange(HOST, "/etc/app/x.conf", "modified", "aa", "bb", List.of("content"), "", T0);
        s.recordChange(HOST, "/etc/app/y.conf", "created", null, "cc", List.of(), "ansible", T0.plusSeconds(60));
        assertEquals("api", e.source());
        List<Map<String, Object>> all = s.getChanges(new ChangeQuery(null, null, null, null, HOST, 100));
        assertEquals(2, all.size());
        assertEquals("/etc/app/y.conf", all.get(0).get("path"), "newest first");
        assertEquals("ansible", all.get(0).get("source"));
        assertEquals(1, s.getChanges(new ChangeQuery("/etc/app/x.conf", null, null, null, HOST, 100)).size());
        assertEquals(2, s.getChanges(new ChangeQuery("/etc/app", null, null, null, null, 100)).size());
        assertEquals(0, s.getChanges(new ChangeQuery("/etc/ap", null, null, null, null, 100)).size(), "a prefix is a directory");
        assertEquals(1, s.getChanges(new ChangeQuery("/etc", null, "created", null, null, 100)).size());
        assertEquals(1, s.getChanges(new ChangeQuery(null, T0.plusSeconds(1), null, null, null, 100)).size());
        assertEquals(1, s.getChanges(new ChangeQuery(null, null, null, "api", null, 100)).size());
        assertEquals(Collections.singleton(List.of(false)), TestGraph.tuples(
                "MATCH (f:ConfigFile {path: '/etc/app/x.conf'}) RETURN f.status IS NOT NULL", Map.of()));
    }

    @Test
    void aRecordedChangeWithoutAKnownTypeIsRefusedNamingTheTypes() {
        ChangeService s = new ChangeService(TestGraph.fresh());
        WatchmanException missing = assertThrows(WatchmanException.class,
                () -> s.recordChange(HOST, "/etc/app/x.conf", null, "aa", "bb", List.of(), "", T0));
        assertEquals(ExitCode.USAGE, missing.exitCode());
        assertEquals("a change needs a changeType (one of created, modified, deleted)", missing.getMessage());
        WatchmanException unknown = assertThrows(WatchmanException.class,
                () -> s.recordChange(HOST, "/etc/app/x.conf", "changed", "aa", "bb", List.of(), "", T0));
        assertEquals("change type 'changed' is not one of created, modified, deleted", unknown.getMessage());
        assertEquals(0, TestGraph.count("MATCH (n) RETURN count(n)", Map.of()));
    }

    @Test
    void eventsWaitOnDiskThroughAnOutageAndARestartThenArriveInOrder() throws Exception {
        Path dir = tmp.resolve("queue");
        Neo4j first = Neo4jBuilders.newInProcessBuilder().withDisabledServer().build();
        Graph g1 = Graph.connect(first.boltURI().toString(), "neo4j", null, null, Duration.ofSeconds(5));
        AtomicReference<Graph> current = new AtomicReference<>(g1);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        Neo4j second = null;
        Graph g2 = null;
        try {
            EventWriter w = EventWriter.open(current::get, dir);
            w.onWritten(b -> b.forEach(e -> order.add(e.id())));
            w.record(events(0, 100));
            assertTrue(w.awaitDrained(Duration.ofSeconds(30)));
            assertEquals(100L, count(g1));

            first.close();
            w.record(events(100, 150));
            w.record(events(250, 50));
            Thread.sleep(500);
            assertEquals(200, w.pending(), "nothing acknowledged while the graph is away");
            w.close(Duration.ZERO);
            g1.close();

            // A new process: the queue reopens from disk and the graph is back (a fresh store).
            second = Neo4jBuilders.newInProcessBuilder().withDisabledServer().build();
            g2 = Graph.connect(second.boltURI().toString(), "neo4j", null, null, Duration.ofSeconds(5));
            g2.applySchema();
            current.set(g2);
            EventWriter again = EventWriter.open(current::get, dir);
            List<String> order2 = Collections.synchronizedList(new ArrayList<>());
            again.onWritten(b -> b.forEach(e -> order2.add(e.id())));
            assertTrue(again.awaitDrained(Duration.ofSeconds(60)), "queued events written after reconnect");
            again.close();
            List<String> expected = events(100, 200).stream().map(ChangeEvent::id).toList();
            assertEquals(expected, order2, "written in the order recorded");
            assertEquals(200L, count(g2));
            assertEquals(100, order.size(), "the first graph saw only the first 100");
        } finally {
            if (g2 != null) {
                g2.close();
            }
            if (second != null) {
                second.close();
            }
        }
    }
}
