package dev.watchman.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.watchman.config.Config;
import dev.watchman.config.ConfigLoader;
import dev.watchman.graph.Graph;
import dev.watchman.graph.TestGraph;
import dev.watchman.watch.KnownState;
import dev.watchman.watch.TreeWatcher;
import dev.watchman.watch.WatchHooks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher end to end: disk → engine → durable queue → writer → events in a real Neo4j. */
class ChangeWatchIT {
    static final String HOST = "watch-it-host";
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;
    Path root;
    Path queue;
    Graph graph;
    WatchSession session;

    @BeforeEach
    void setUp() throws IOException {
        graph = TestGraph.fresh();
        root = Files.createDirectories(tmp.resolve("etc"));
        queue = tmp.resolve("queue");
    }

    @AfterEach
    void tearDown() {
        if (session != null) {
            session.close();
        }
    }

    WatchSession start() {
        Config.Watch w = new Config.Watch(List.of(root.toString()), Config.Watch.Mode.REALTIME, 1, 100,
                ConfigLoader.DEFAULT_WATCH_EXCLUDES);
        session = WatchSession.start(() -> graph, HOST, w, queue, s -> { });
        return session;
    }

    void stop() {
        session.close();
        session = null;
    }

    static long events(String path) {
        return TestGraph.count("MATCH (e:Event {type: 'config_change', path: $p}) RETURN count(e)", Map.of("p", path));
    }

    static long events(String path, String type) {
        return TestGraph.count("MATCH (e:Event {type: 'config_change', path: $p, changeType: $t})-[:AFFECTS]->(:ConfigFile {id: $id}) "
                + "RETURN count(e)", Map.of("p", path, "t", type, "id", HOST + ":" + path));
    }

    static long allEvents() {
        return TestGraph.count("MATCH (e:Event {source: 'watcher'}) RETURN count(e)", Map.of());
    }

    /** Polls the graph until the count satisfies {@code ok}; returns the count. */
    static long await(String what, java.util.function.LongSupplier count, LongPredicate ok) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long n;
        while (!ok.test(n = count.getAsLong())) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what + "; have " + n);
            }
            Thread.sleep(20);
        }
        return n;
    }

    /** Writes a fresh file and waits for its event: everything the watcher saw before it is in the graph by then. */
    void barrier() throws Exception {
        Path s = Files.writeString(root.resolve("barrier-" + System.nanoTime() + ".conf"), "b");
        await("barrier", () -> events(s.toString(), "created"), n -> n == 1);
        session.writer().awaitDrained(TIMEOUT);
    }

    @Test
    void atomicSaveIsOneModifiedEventAndUpdatesTheFileWithoutVersions() throws Exception {
        Path f = Files.writeString(root.resolve("app.conf"), "a=1\n");
        start();
        Path tmpFile = Files.writeString(root.resolve(".app.conf.tmp-save"), "a=2\n");
        Files.move(tmpFile, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        await("modified", () -> events(f.toString(), "modified"), n -> n == 1);
        barrier();
        assertEquals(1, events(f.toString()), "one event for the save");
        assertEquals(0, events(tmpFile.toString()), "the editor's temp file is not an event");
        assertEquals(Set.of(List.of("present", "FILE", sha("a=2\n"), 4L)), TestGraph.tuples(
                "MATCH (:Host {id: $h})-[:HAS_FILE]->(f:ConfigFile {id: $id}) RETURN f.status, f.kind, f.sha256, f.size",
                Map.of("h", HOST, "id", HOST + ":" + f)));
        assertEquals(Set.of(List.of(sha("a=1\n"), sha("a=2\n"), List.of("content"), false)), TestGraph.tuples(
                "MATCH (e:Event {path: $p}) RETURN e.previousHash, e.currentHash, e.changes, e.detectedAtStartup",
                Map.of("p", f.toString())));
        assertEquals(0, TestGraph.count("MATCH (v:FileVersion) RETURN count(v)", Map.of()));
    }

    @Test
    void chmodOnlyIsModifiedMode() throws Exception {
        Path f = Files.writeString(root.resolve("secret.conf"), "k=v\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        start();
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        await("mode change", () -> events(f.toString(), "modified"), n -> n == 1);
        assertEquals(Set.of(List.of(List.of("mode"), true)), TestGraph.tuples(
                "MATCH (e:Event {path: $p}) RETURN e.changes, e.previousHash = e.currentHash", Map.of("p", f.toString())));
        assertEquals(0600L, TestGraph.count("MATCH (f:ConfigFile {id: $id}) RETURN f.mode", Map.of("id", HOST + ":" + f)));
    }

    @Test
    void createThenDeleteInsideTheDebounceAndSwapFilesAreNothing() throws Exception {
        start();
        Path brief = root.resolve("brief.conf");
        Files.writeString(brief, "x");
        Files.delete(brief);
        Files.writeString(root.resolve(".app.conf.swp"), "swap");
        Files.writeString(root.resolve("app.conf~"), "backup");
        Files.writeString(root.resolve("4913"), "");
        barrier();
        assertEquals(1, allEvents(), "only the barrier file: " + TestGraph.tuples("MATCH (e:Event) RETURN e.path", Map.of()));
    }

    @Test
    void directoriesCreatedAfterStartAreWatched() throws Exception {
        start();
        Path deep = Files.createDirectories(root.resolve("conf.d/sites/enabled"));
        Path f = Files.writeString(deep.resolve("site.conf"), "server {}");
        await("created in new dir", () -> events(f.toString(), "created"), n -> n == 1);
        Files.writeString(f, "server { listen 80; }");
        await("modified in new dir", () -> events(f.toString(), "modified"), n -> n == 1);
    }

    @Test
    void fileReplacedBySymlinkIsModifiedType() throws Exception {
        Path f = Files.writeString(root.resolve("resolv.conf"), "nameserver 1.1.1.1\n");
        start();
        Path link = root.resolve(".resolv.link.tmp");
        Files.createSymbolicLink(link, Path.of("/run/systemd/resolve/stub-resolv.conf"));
        Files.move(link, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        await("type change", () -> events(f.toString(), "modified"), n -> n == 1);
        barrier();
        assertEquals(1, events(f.toString()));
        assertEquals(Set.of(List.of(true)), TestGraph.tuples(
                "MATCH (e:Event {path: $p}) RETURN 'type' IN e.changes", Map.of("p", f.toString())));
        assertEquals(Set.of(List.of("SYMLINK", "/run/systemd/resolve/stub-resolv.conf")), TestGraph.tuples(
                "MATCH (f:ConfigFile {id: $id}) RETURN f.kind, f.linkTarget", Map.of("id", HOST + ":" + f)));
    }

    @Test
    void watchedDirectoryDeletedAndRecreated() throws Exception {
        Path dir = Files.createDirectories(root.resolve("nginx"));
        Path f = Files.writeString(dir.resolve("nginx.conf"), "v1");
        start();
        deleteTree(dir);
        await("deleted", () -> events(f.toString(), "deleted"), n -> n == 1);
        assertEquals("missing", TestGraph.tuples("MATCH (f:ConfigFile {id: $id}) RETURN f.status",
                Map.of("id", HOST + ":" + f)).iterator().next().get(0));
        Files.createDirectories(dir);
        Files.writeString(f, "v2");
        await("created again", () -> events(f.toString(), "created"), n -> n == 1);
        Files.writeString(f, "v3");
        await("modified after recreate", () -> events(f.toString(), "modified"), n -> n == 1);
    }

    @Test
    void inotifyOverflowRescansTheRootAndLosesNothing() throws Exception {
        start();
        TreeWatcher w = session.watcher().treeWatchers().get(0);
        WatchHooks.pauseDraining(w, true);
        // The JDK keeps at most 512 events per directory before it replaces them with OVERFLOW.
        for (int i = 0; i < 1500; i++) {
            Files.writeString(root.resolve("f" + i + ".conf"), "v" + i);
        }
        WatchHooks.pauseDraining(w, false);
        await("1500 created", ChangeWatchIT::allEvents, n -> n >= 1500);
        barrier();
        assertTrue(WatchHooks.overflowRescans(w) > 0, "the overflow path ran");
        assertEquals(1501, allEvents());
        assertEquals(1501, TestGraph.count("MATCH (e:Event {changeType: 'created'}) RETURN count(DISTINCT e.path)", Map.of()));
    }

    @Test
    void burstOfTenThousandWritesGivesExactlyTenThousandEvents() throws Exception {
        start();
        long t0 = System.nanoTime();
        for (int d = 0; d < 10; d++) {
            Path dir = Files.createDirectories(root.resolve("d" + d));
            for (int i = 0; i < 1000; i++) {
                Files.writeString(dir.resolve("f" + i + ".conf"), "value " + d + "/" + i + "\n");
            }
        }
        long written = System.nanoTime();
        await("10,000 created", ChangeWatchIT::allEvents, n -> n >= 10_000);
        long recorded = System.nanoTime();
        session.writer().awaitDrained(TIMEOUT);
        Thread.sleep(500);
        assertEquals(10_000, allEvents());
        assertEquals(10_000, TestGraph.count("MATCH (e:Event {changeType: 'created'})-[:AFFECTS]->(f:ConfigFile {status: 'present'}) "
                + "RETURN count(DISTINCT f)", Map.of()));
        System.out.printf("burst: 10,000 writes in %d ms, all recorded %d ms after the first write%n",
                (written - t0) / 1_000_000, (recorded - t0) / 1_000_000);
    }

    @Test
    void changesWhileNotWatchingAreFoundAtStart() throws Exception {
        Path a = Files.writeString(root.resolve("a.conf"), "a1");
        Path b = Files.writeString(root.resolve("b.conf"), "b1");
        Path c = Files.writeString(root.resolve("c.conf"), "c1");
        Path same = Files.writeString(root.resolve("same.conf"), "s");
        start();
        assertEquals(0, allEvents(), "a first watch records a baseline, not changes");
        assertEquals(4, TestGraph.count("MATCH (:Host {id: $h})-[:HAS_FILE]->(f:ConfigFile {status: 'present'}) RETURN count(f)",
                Map.of("h", HOST)));
        Files.writeString(a, "a2");
        await("live change", () -> events(a.toString(), "modified"), n -> n == 1);
        stop();

        Files.writeString(a, "a3");
        Files.delete(b);
        Files.setPosixFilePermissions(c, PosixFilePermissions.fromString("rw-------"));
        Path d = Files.writeString(root.resolve("d.conf"), "d1");
        Files.setLastModifiedTime(same, java.nio.file.attribute.FileTime.fromMillis(0));
        start();
        await("4 startup events", () -> TestGraph.count("MATCH (e:Event {detectedAtStartup: true}) RETURN count(e)", Map.of()),
                n -> n >= 4);
        barrier();
        assertEquals(Set.of(List.of(a.toString(), "modified"), List.of(b.toString(), "deleted"),
                List.of(c.toString(), "modified"), List.of(d.toString(), "created")),
                TestGraph.tuples("MATCH (e:Event {detectedAtStartup: true}) RETURN e.path, e.changeType", Map.of()));
        assertEquals(Set.of(List.of(sha("a2"), sha("a3"))), TestGraph.tuples(
                "MATCH (e:Event {path: $p, detectedAtStartup: true}) RETURN e.previousHash, e.currentHash", Map.of("p", a.toString())));

        // A third start with nothing changed finds nothing.
        long before = allEvents();
        stop();
        start();
        barrier();
        assertEquals(before + 1, allEvents());
    }

    @Test
    void startupUsesSnapshotStateAndQueuedEvents() throws Exception {
        // A state recorded by someone else (a snapshot) is the last known state on a first watch.
        Path f = Files.writeString(root.resolve("hosts"), "127.0.0.1 localhost\n");
        ChangeStore.writeBaseline(graph, HOST, Map.of(f.toString(), KnownState.of(sha("old\n"), 4, 0644, uid(f), gid(f), null)));
        start();
        await("startup modified", () -> events(f.toString(), "modified"), n -> n == 1);
        assertEquals(1, TestGraph.count("MATCH (e:Event {path: $p}) WHERE e.detectedAtStartup RETURN count(e)",
                Map.of("p", f.toString())));
    }

    @Test
    void aFileSnapshotsNoLongerTrackIsStillKnownToTheWatcher() throws Exception {
        Path kept = Files.writeString(root.resolve("kept.conf"), "k\n");
        Path skipped = Files.writeString(root.resolve("skipped.conf"), "s\n");
        dev.watchman.host.HostIdentity id = new dev.watchman.host.HostIdentity(HOST, "w", null, "linux", "6");
        new dev.watchman.host.HostService(graph, id).upsert();
        dev.watchman.snapshot.SnapshotService snaps = new dev.watchman.snapshot.SnapshotService(graph, id, tmp.resolve("data"));
        snaps.snapshot(root, "default", List.of(), false, dev.watchman.snapshot.ProgressListener.NONE);
        snaps.snapshot(root, "default", List.of("skipped.conf"), false, dev.watchman.snapshot.ProgressListener.NONE);
        start();
        barrier();
        assertEquals(0, events(skipped.toString()), "excluded from snapshots is not deleted, so not created again");
        assertEquals(0, events(kept.toString()));
        Files.writeString(skipped, "s2\n");
        await("live change of the excluded file", () -> events(skipped.toString(), "modified"), n -> n == 1);
    }

    static int uid(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:uid");
    }

    static int gid(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:gid");
    }

    static String sha(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
