package dev.watchman.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import dev.watchman.graph.Graph;
import dev.watchman.graph.TestGraph;
import dev.watchman.host.HostIdentity;
import dev.watchman.host.HostService;
import dev.watchman.query.QueryService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshot → mutate → drift against a real Neo4j, checked against mutate-tree.py's manifest. */
class SnapshotIT {
    static final Path BENCH = locateBench();

    @TempDir
    Path tmp;
    Graph graph;
    SnapshotService service;
    HostIdentity host = new HostIdentity("snap-host", "snap", null, "linux", "6");

    @BeforeEach
    void setUp() {
        graph = TestGraph.fresh();
        new HostService(graph, host).upsert();
        service = new SnapshotService(graph, host, tmp.resolve("data"));
    }

    static Path locateBench() {
        for (Path p : List.of(Path.of("bench"), Path.of("../shared/bench"))) {
            if (Files.exists(p.resolve("gen-tree.py"))) {
                return p;
            }
        }
        return Path.of("../shared/bench");
    }

    static void python(String script, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("python3", BENCH.resolve(script).toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
    }

    record Manifest(List<String> modified, List<String> removed, List<String> added) {
        static Manifest read(Path tsv) throws IOException {
            List<String> m = new ArrayList<>();
            List<String> d = new ArrayList<>();
            List<String> a = new ArrayList<>();
            for (String line : Files.readAllLines(tsv)) {
                String[] f = line.split("\t");
                (f[0].equals("M") ? m : f[0].equals("D") ? d : a).add(f[2]);
            }
            return new Manifest(sorted(m), sorted(d), sorted(a));
        }
    }

    static List<String> sorted(List<String> l) {
        return List.copyOf(new TreeSet<>(l));
    }

    static void assertMatches(Manifest m, Drift d) {
        assertEquals(m.added(), d.added());
        assertEquals(m.removed(), d.removed());
        assertEquals(m.modified(), d.modified().stream().map(Drift.Modified::path).toList());
        assertTrue(d.modified().stream().allMatch(x -> x.changed().contains("content")), "every M has new content");
    }

    Path tree(int files) throws Exception {
        Path root = tmp.resolve("tree");
        python("gen-tree.py", "--root", root.toString(), "--files", String.valueOf(files), "--dirs", "20", "--depth", "3");
        return root;
    }

    long entities() {
        return TestGraph.count("MATCH (n) RETURN count(n)", Map.of())
                + TestGraph.count("MATCH ()-[r]->() RETURN count(r)", Map.of());
    }

    @Test
    void driftMatchesTheMutationManifestExactlyInEveryMode() throws Exception {
        Path root = tree(1500);
        SnapshotService.Summary s1 = service.snapshot(root, "prod", List.of(), false, ProgressListener.NONE);
        assertEquals(1500, s1.totalFiles());
        assertEquals(1500, s1.hashedFiles());
        Thread.sleep(60); // past the cache's same-tick guard, as any real mutation would be
        python("mutate-tree.py", "--root", root.toString(), "--manifest", tmp.resolve("m.tsv").toString());
        Manifest m = Manifest.read(tmp.resolve("m.tsv"));

        // 1. The directory now against the snapshot, the cache holding exactly that snapshot.
        assertMatches(m, service.driftAgainstDir(s1.snapshotId(), root, List.of(), false, ProgressListener.NONE));
        assertMatches(m, service.driftAgainstDir(s1.snapshotId(), root, List.of(), true, ProgressListener.NONE));

        // 2. Between two stored snapshots, by the interval query alone.
        SnapshotService.Summary s2 = service.snapshot(root, "prod", List.of(), false, ProgressListener.NONE);
        assertEquals(m.added().size(), s2.added());
        assertEquals(m.modified().size(), s2.modified());
        assertMatches(m, service.driftBetween(s1.snapshotId(), s2.snapshotId(), List.of()));
        Drift back = service.driftBetween(s2.snapshotId(), s1.snapshotId(), List.of());
        assertEquals(m.removed(), back.added());
        assertEquals(m.added(), back.removed());

        // 3. The directory against the older snapshot: the cache is newer and is patched back.
        assertMatches(m, service.driftAgainstDir(s1.snapshotId(), root, List.of(), false, ProgressListener.NONE));

        // 4. No cache at all: the snapshot's state comes from the graph.
        try (var files = Files.list(tmp.resolve("data/cache"))) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        assertMatches(m, service.driftAgainstDir(s1.snapshotId(), root, List.of(), false, ProgressListener.NONE));
        assertTrue(service.driftAgainstDir(s2.snapshotId(), root, List.of(), false, ProgressListener.NONE).isEmpty());

        // Change events recorded by the second snapshot, one per change, with source "snapshot".
        assertEquals(m.added().size() + m.removed().size() + m.modified().size(),
                TestGraph.count("MATCH (e:Event {source: 'snapshot'})-[:AFFECTS]->(:ConfigFile) RETURN count(e)", Map.of()));
    }

    @Test
    void resnapshotOfAnUnchangedTreeAddsAlmostNothingYetHistoryStaysQueryable() throws Exception {
        Path root = tree(800);
        SnapshotService.Summary s1 = service.snapshot(root, "default", List.of(), false, ProgressListener.NONE);
        Thread.sleep(60);
        Path victim = root.resolve(firstFile(root));
        String before = sha(s1.snapshotId(), victim);
        Files.writeString(victim, "changed\n");
        Thread.sleep(60); // else the cache rightly refuses a file written in the scan's own clock tick
        service.snapshot(root, "default", List.of(), false, ProgressListener.NONE);
        long e0 = entities();
        SnapshotService.Summary s3 = service.snapshot(root, "default", List.of(), false, ProgressListener.NONE);
        long growth = entities() - e0;
        assertTrue(growth < 100, "re-snapshot grew the graph by " + growth);
        assertEquals(2, growth, "one :Snapshot and its HAS_SNAPSHOT");
        assertEquals(0, s3.hashedFiles(), "nothing re-hashed");

        // The first snapshot still answers with its own hashes.
        assertEquals(before, sha(s1.snapshotId(), victim));
        assertFalse(before.equals(sha(s3.snapshotId(), victim)));
        List<Map<String, Object>> files = new QueryService(graph).run("snapshot-files", Map.of("snapshotId", s1.snapshotId()));
        assertEquals(800 + 20, files.size(), "800 files and 20 directories");
    }

    String firstFile(Path root) throws IOException {
        try (var s = Files.walk(root)) {
            return root.relativize(s.filter(Files::isRegularFile).sorted().findFirst().orElseThrow()).toString();
        }
    }

    String sha(String snapshotId, Path file) {
        return (String) new QueryService(graph).run("file-at-snapshot",
                Map.of("snapshotId", snapshotId, "path", file.toString())).get(0).get("sha256");
    }

    @Test
    void unknownSnapshotIsNotFound() {
        WatchmanException e = assertThrows(WatchmanException.class,
                () -> service.driftAgainstDir("snap-nope-1", tmp, List.of(), false, ProgressListener.NONE));
        assertEquals(ExitCode.NOT_FOUND, e.exitCode());
        assertTrue(e.getMessage().contains("snap-nope-1"));
        assertEquals(ExitCode.NOT_FOUND, assertThrows(WatchmanException.class,
                () -> service.driftBetween("a", "b", List.of())).exitCode());
    }

    @Test
    void anInterruptedSnapshotStaysIncompleteAndDriftRefusesIt() throws Exception {
        Path root = tree(200);
        SnapshotService.Summary s1 = service.snapshot(root, "default", List.of(), false, ProgressListener.NONE);
        // What a kill -9 after begin leaves: a :Snapshot with complete = false and nothing else.
        String rootId = host.id() + ":" + root.toAbsolutePath().normalize();
        String broken = new SnapshotStore(graph).begin(host.id(), rootId, root.toString(),
                SnapshotService.key(rootId), "default", List.of(), Instant.now()).id();
        WatchmanException e = assertThrows(WatchmanException.class,
                () -> service.driftAgainstDir(broken, root, List.of(), false, ProgressListener.NONE));
        assertEquals(ExitCode.REFUSED, e.exitCode());
        assertTrue(e.getMessage().contains("incomplete"), e.getMessage());
        assertEquals(ExitCode.REFUSED, assertThrows(WatchmanException.class,
                () -> service.driftBetween(s1.snapshotId(), broken, List.of())).exitCode());

        // The next snapshot does not trust the cache past the gap and is right.
        Files.writeString(root.resolve("new.conf"), "x=1\n");
        SnapshotService.Summary s3 = service.snapshot(root, "default", List.of(), false, ProgressListener.NONE);
        assertEquals(3, s3.seq());
        Drift d = service.driftBetween(s1.snapshotId(), s3.snapshotId(), List.of());
        assertEquals(List.of("new.conf"), d.added());
        assertTrue(d.removed().isEmpty() && d.modified().isEmpty());
    }

    @Test
    void excludesApplyIdenticallyToSnapshotAndDrift() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("etc"));
        Files.writeString(root.resolve("app.conf"), "a=1\n");
        Files.writeString(root.resolve("app.conf.swp"), "swap\n");
        Files.createDirectories(root.resolve("cache/deep"));
        Files.writeString(root.resolve("cache/deep/x"), "x\n");
        SnapshotService.Summary s1 = service.snapshot(root, "default", List.of("*.swp", "cache"), false, ProgressListener.NONE);
        assertEquals(1, s1.totalFiles());
        Files.writeString(root.resolve("app.conf.swp"), "other swap\n");
        Files.writeString(root.resolve("cache/deep/y"), "y\n");
        // The snapshot's own excludes carry over to drift; nothing excluded shows up.
        assertTrue(service.driftAgainstDir(s1.snapshotId(), root, List.of(), false, ProgressListener.NONE).isEmpty());
        // An exclude given only at drift time hides the path on both sides.
        Files.writeString(root.resolve("app.conf"), "a=2\n");
        assertTrue(service.driftAgainstDir(s1.snapshotId(), root, List.of("app.conf"), false, ProgressListener.NONE).isEmpty());
        assertEquals(List.of("app.conf"), service.driftAgainstDir(s1.snapshotId(), root, List.of(), false,
                ProgressListener.NONE).modified().stream().map(Drift.Modified::path).collect(Collectors.toList()));
    }

    static String sha256(String text) {
        return dev.watchman.Sha256.hex(text);
    }

    /** Snapshot events of one path: changeType, previousHash, currentHash. */
    static java.util.Set<List<Object>> events(Path file) {
        return TestGraph.tuples("MATCH (e:Event {source: 'snapshot', path: $p}) "
                + "RETURN e.changeType, e.previousHash, e.currentHash", Map.of("p", file.toString()));
    }

    @Test
    void createdAndDeletedEventsCarryTheHashTheyKnow() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("etc"));
        Files.writeString(root.resolve("old.conf"), "old\n");
        service.snapshot(root, "default", List.of(), false, ProgressListener.NONE);
        Files.delete(root.resolve("old.conf"));
        Files.writeString(root.resolve("new.conf"), "new\n");
        service.snapshot(root, "default", List.of(), false, ProgressListener.NONE);
        assertEquals(java.util.Set.of(java.util.Arrays.asList("created", null, sha256("new\n"))),
                events(root.resolve("new.conf")));
        assertEquals(java.util.Set.of(java.util.Arrays.asList("deleted", sha256("old\n"), null)),
                events(root.resolve("old.conf")));
    }

    @Test
    void changingExcludesIsNotAChangeOfTheTree() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("etc"));
        Files.writeString(root.resolve("app.conf"), "a=1\n");
        Files.writeString(root.resolve("app.conf.swp"), "swap\n");
        Files.createDirectories(root.resolve("logs"));
        Files.writeString(root.resolve("logs/x.log"), "log\n");
        SnapshotService.Summary s1 = service.snapshot(root, "default", List.of("*.swp"), false, ProgressListener.NONE);
        Thread.sleep(60);
        Files.writeString(root.resolve("app.conf"), "a=2\n");
        Files.writeString(root.resolve("new.conf"), "n\n");

        // logs/ is newly excluded, *.swp newly included; app.conf and new.conf are real changes.
        SnapshotService.Summary s2 = service.snapshot(root, "default", List.of("logs"), false, ProgressListener.NONE);
        assertTrue(s2.excludesChanged());
        assertEquals(2, s2.newlyExcluded(), "logs and logs/x.log");
        assertEquals(1, s2.newlyIncluded(), "app.conf.swp");
        assertEquals(1, s2.added());
        assertEquals(0, s2.removed());
        assertEquals(1, s2.modified());
        assertEquals(java.util.Set.of(List.of("created", "new.conf"), List.of("modified", "app.conf")),
                TestGraph.tuples("MATCH (s:Snapshot {id: $id})-[:RECORDED]->(e:Event) "
                        + "RETURN e.changeType, substring(e.path, size($root) + 1)",
                        Map.of("id", s2.snapshotId(), "root", root.toString())));
        assertEquals(java.util.Set.of(List.of("excluded", s2.seq())), TestGraph.tuples(
                "MATCH (f:ConfigFile {path: $p})-[:HAS_VERSION]->(v) RETURN f.status, v.toSeq",
                Map.of("p", root.resolve("logs/x.log").toString())));
        assertEquals(java.util.Set.of(List.of(true, List.of("*.swp"))), TestGraph.tuples(
                "MATCH (s:Snapshot {id: $id}) RETURN s.excludesChanged, s.previousExcludes", Map.of("id", s2.snapshotId())));

        // Drift and history stay exact: only the real changes, each snapshot's own contents.
        Drift d = service.driftBetween(s1.snapshotId(), s2.snapshotId(), List.of());
        assertEquals(List.of("new.conf"), d.added());
        assertEquals(List.of(), d.removed());
        assertEquals(List.of("app.conf"), d.modified().stream().map(Drift.Modified::path).toList());
        assertTrue(service.driftAgainstDir(s2.snapshotId(), root, List.of(), false, ProgressListener.NONE).isEmpty());
        java.util.function.Function<String, java.util.Set<String>> paths = id -> new QueryService(graph)
                .run("snapshot-files", Map.of("snapshotId", id)).stream()
                .map(r -> root.relativize(Path.of((String) r.get("path"))).toString()).collect(Collectors.toSet());
        assertEquals(java.util.Set.of("app.conf", "logs", "logs/x.log"), paths.apply(s1.snapshotId()));
        assertEquals(java.util.Set.of("app.conf", "app.conf.swp", "new.conf"), paths.apply(s2.snapshotId()));

        // Same excludes again: nothing to say. Back to the first ones: logs returns without a created event.
        SnapshotService.Summary s3 = service.snapshot(root, "default", List.of("logs"), false, ProgressListener.NONE);
        assertFalse(s3.excludesChanged());
        assertEquals(0, s3.newlyExcluded() + s3.newlyIncluded() + s3.added() + s3.removed() + s3.modified());
        SnapshotService.Summary s4 = service.snapshot(root, "default", List.of("*.swp"), false, ProgressListener.NONE);
        assertTrue(s4.excludesChanged());
        assertEquals(2, s4.newlyIncluded());
        assertEquals(1, s4.newlyExcluded());
        assertEquals(0, s4.added() + s4.removed() + s4.modified());
        assertEquals(0, TestGraph.count("MATCH (s:Snapshot {id: $id})-[:RECORDED]->(e) RETURN count(e)",
                Map.of("id", s4.snapshotId())));
        assertEquals(0, TestGraph.count("MATCH (e:Event {changeType: 'deleted'}) RETURN count(e)", Map.of()));
        assertEquals(java.util.Set.of(List.of("present")), TestGraph.tuples(
                "MATCH (f:ConfigFile {path: $p}) RETURN f.status", Map.of("p", root.resolve("logs/x.log").toString())));
        assertEquals(java.util.Set.of(List.of("excluded")), TestGraph.tuples(
                "MATCH (f:ConfigFile {path: $p}) RETURN f.status", Map.of("p", root.resolve("app.conf.swp").toString())));
        assertEquals(java.util.Set.of("app.conf", "logs", "logs/x.log", "new.conf"), paths.apply(s4.snapshotId()));
    }

    @Test
    void aSnapshotAfterAnInterruptedFirstOneIsABaselineAndSaysSo() throws Exception {
        Path root = tree(200);
        String rootId = host.id() + ":" + root.toAbsolutePath().normalize();
        String broken = new SnapshotStore(graph).begin(host.id(), rootId, root.toString(),
                SnapshotService.key(rootId), "default", List.of(), Instant.now()).id();
        SnapshotService.Summary s = service.snapshot(root, "default", List.of(), false, ProgressListener.NONE);
        assertTrue(s.baseline());
        assertEquals(broken, s.previousIncomplete());
        assertEquals(null, s.comparedWith());
        assertEquals(220, s.entries(), "200 files and 20 directories");
        assertEquals(0, s.added() + s.removed() + s.modified(), "no change events, so no changes counted");
        assertEquals(0, TestGraph.count("MATCH (e:Event) RETURN count(e)", Map.of()));
    }

    @Test
    void aSnapshotAfterAnInterruptedOneIsComparedWithTheLastCompleteOne() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("etc"));
        Files.writeString(root.resolve("a.conf"), "a=1\n");
        Files.writeString(root.resolve("b.conf"), "b=1\n");
        SnapshotService.Summary s1 = service.snapshot(root, "default", List.of(), false, ProgressListener.NONE);
        Thread.sleep(60);
        Files.writeString(root.resolve("a.conf"), "a=2\n");
        // What a kill -9 after the first batch leaves: a.conf's new version written at seq 2, no events.
        String rootId = host.id() + ":" + root;
        SnapshotStore store = new SnapshotStore(graph);
        SnapshotStore.Begun begun = store.begin(host.id(), rootId, root.toString(), SnapshotService.key(rootId),
                "default", List.of(), Instant.now());
        ScannedEntry a = new Scanner().scan(root, ScanOptions.defaults()).byPath().get("a.conf");
        store.writeFiles(List.of(SnapshotStore.fileRow(host.id(), rootId, 2, root.resolve("a.conf").toString(), a)));
        Files.writeString(root.resolve("b.conf"), "b=2\n");

        SnapshotService.Summary s3 = service.snapshot(root, "default", List.of(), false, ProgressListener.NONE);
        assertFalse(s3.baseline());
        assertEquals(begun.id(), s3.previousIncomplete());
        assertEquals(s1.snapshotId(), s3.comparedWith());
        assertEquals(2, s3.modified(), "a.conf (half-written by the interrupted snapshot) and b.conf");
        assertEquals(java.util.Set.of(List.of("a.conf"), List.of("b.conf")), TestGraph.tuples(
                "MATCH (:Snapshot {id: $id})-[:RECORDED]->(e:Event {changeType: 'modified'}) "
                        + "RETURN substring(e.path, size($root) + 1)", Map.of("id", s3.snapshotId(), "root", root.toString())));
        Drift d = service.driftBetween(s1.snapshotId(), s3.snapshotId(), List.of());
        assertEquals(List.of("a.conf", "b.conf"), d.modified().stream().map(Drift.Modified::path).toList());
        assertTrue(service.driftAgainstDir(s3.snapshotId(), root, List.of(), false, ProgressListener.NONE).isEmpty());
        assertEquals(0, TestGraph.count("MATCH (f:ConfigFile)-[:HAS_VERSION]->(v) WHERE v.toSeq IS NULL "
                + "WITH f, count(v) AS open WHERE open > 1 RETURN count(f)", Map.of()));
    }

    @Test
    void driftOfADirectoryAgainstAnotherRootsSnapshotIsRefused() throws Exception {
        Path etc = Files.createDirectories(tmp.resolve("etc"));
        Path other = Files.createDirectories(tmp.resolve("usr"));
        Files.writeString(other.resolve("x"), "x\n");
        SnapshotService.Summary s = service.snapshot(etc, "default", List.of(), false, ProgressListener.NONE);
        WatchmanException e = assertThrows(WatchmanException.class,
                () -> service.driftAgainstDir(s.snapshotId(), other, List.of(), false, ProgressListener.NONE));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains(etc.toString()) && e.getMessage().contains(other.toString()), e.getMessage());
        // The same directory by another name (a symlink) is the same root.
        Path link = Files.createSymbolicLink(tmp.resolve("etc-link"), etc);
        assertTrue(service.driftAgainstDir(s.snapshotId(), link, List.of(), false, ProgressListener.NONE).isEmpty());
    }
}
