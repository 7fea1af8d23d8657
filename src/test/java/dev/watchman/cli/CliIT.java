package dev.watchman.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchman.ExitCode;
import dev.watchman.graph.TestGraph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end against the test Neo4j, configured as an external server. */
class CliIT {
    @TempDir
    Path dir;
    Path config;

    @BeforeEach
    void setUp() throws IOException {
        TestGraph.fresh();
        config = writeConfig(TestGraph.uri());
    }

    Path writeConfig(String uri) throws IOException {
        String pw = TestGraph.password() == null ? "" : "password = \"" + TestGraph.password() + "\"\n";
        return Files.writeString(dir.resolve("watchman.toml"), "data_dir = \"" + dir.resolve("data") + "\"\n"
                + "[neo4j]\nuri = \"" + uri + "\"\n" + pw + "[host]\nid = \"cli-test-host\"\n");
    }

    @Test
    void statusJsonNamesBackendAndHost() throws IOException {
        Cli.Result r = Cli.run("status", "--json", "--config", config.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = Output.JSON.readTree(r.out());
        assertEquals("external", j.get("backend").asText());
        assertEquals("cli-test-host", j.get("hostId").asText());
        assertTrue(j.get("neo4jVersion").asText().startsWith("5."));
        assertTrue(j.get("nodeCounts").isObject());
    }

    @Test
    void queryPrintsTableAndJson() throws IOException {
        Cli.Result t = Cli.run("query", "RETURN $n + 1 AS answer, 'x' AS s", "--param", "n=41", "--config", config.toString());
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("answer") && t.out().contains("42"), t.out());
        Cli.Result j = Cli.run("query", "RETURN 1 AS one", "--json", "--config", config.toString());
        assertEquals(1, Output.JSON.readTree(j.out()).get(0).get("one").asInt());
        Cli.Result w = Cli.run("query", "CREATE (:X)", "--config", config.toString());
        assertEquals(ExitCode.USAGE, w.code());
        Cli.Result list = Cli.run("query", "--list", "--config", config.toString());
        assertTrue(list.out().contains("hosts"), list.out());
    }

    @Test
    void badInputGetsOneLineAndTheDocumentedCode() throws IOException {
        assertEquals(ExitCode.USAGE, Cli.run("no-such-command").code());
        assertEquals(ExitCode.USAGE, Cli.run("status", "--no-such-flag").code());
        Files.writeString(config, "[neo4j]\nbolt_prot = 1\n");
        Cli.Result bad = Cli.run("status", "--config", config.toString());
        assertEquals(ExitCode.USAGE, bad.code());
        assertTrue(bad.err().startsWith("watchman: config "), bad.err());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());

        writeConfig("bolt://127.0.0.1:1");
        Cli.Result down = Cli.run("status", "--config", config.toString());
        assertEquals(ExitCode.GRAPH, down.code());
        assertTrue(down.err().contains("bolt://127.0.0.1:1"), down.err());
        assertFalse(down.err().contains("\tat "), "no stack trace without --debug");
        Cli.Result debug = Cli.run("status", "--debug", "--config", config.toString());
        assertTrue(debug.err().contains("\tat "), "stack trace with --debug");
    }

    @Test
    void snapshotDriftAndChangesThroughTheCli() throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Files.writeString(etc.resolve("app.conf"), "port = 80\n");
        Files.writeString(etc.resolve("old.conf"), "x\n");
        Cli.Result s1 = Cli.run("snapshot", etc.toString(), "--json", "--config", config.toString());
        assertEquals(0, s1.code(), s1.err());
        String id1 = Output.JSON.readTree(s1.out()).get("snapshotId").asText();
        Thread.sleep(60);
        Files.writeString(etc.resolve("app.conf"), "port = 8080\n");
        Files.delete(etc.resolve("old.conf"));
        Files.writeString(etc.resolve("new.conf"), "y\n");

        Cli.Result drift = Cli.run("drift", id1, etc.toString(), "--json", "--config", config.toString());
        assertEquals(ExitCode.FINDINGS, drift.code(), drift.err());
        JsonNode d = Output.JSON.readTree(drift.out());
        assertEquals("new.conf", d.get("added").get(0).asText());
        assertEquals("old.conf", d.get("removed").get(0).asText());
        assertEquals("app.conf", d.get("modified").get(0).get("path").asText());
        assertTrue(d.get("modified").get(0).get("changed").toString().contains("content"));
        Cli.Result text = Cli.run("drift", id1, etc.toString(), "--config", config.toString());
        assertTrue(text.out().contains("modified  app.conf"), text.out());

        Cli.Result s2 = Cli.run("snapshot", etc.toString(), "--json", "--config", config.toString());
        String id2 = Output.JSON.readTree(s2.out()).get("snapshotId").asText();
        JsonNode between = Output.JSON.readTree(Cli.run("drift", id1, "--to", id2, "--json", "--config", config.toString()).out());
        for (String field : new String[] {"root", "from", "added", "removed", "modified"}) {
            assertEquals(d.get(field), between.get(field), field);
        }
        assertEquals(ExitCode.OK, Cli.run("drift", id2, etc.toString(), "--config", config.toString()).code());
        assertEquals(ExitCode.NOT_FOUND, Cli.run("drift", "snap-missing-9", etc.toString(), "--config", config.toString()).code());
        assertEquals(ExitCode.USAGE, Cli.run("drift", id1, "--config", config.toString()).code());

        Cli.Result changes = Cli.run("changes", etc.toString(), "--json", "--config", config.toString());
        assertEquals(0, changes.code(), changes.err());
        JsonNode c = Output.JSON.readTree(changes.out());
        assertEquals(3, c.size(), changes.out());
        assertTrue(changes.out().contains("\"snapshot\""), changes.out());
        Cli.Result created = Cli.run("changes", etc.resolve("new.conf").toString(), "--type", "created", "--json",
                "--config", config.toString());
        assertEquals(1, Output.JSON.readTree(created.out()).size(), created.out());
        assertEquals(ExitCode.USAGE, Cli.run("changes", "--since", "yesterday-ish", "--config", config.toString()).code());
        Cli.Result list = Cli.run("snapshots", "--json", "--config", config.toString());
        assertEquals(2, Output.JSON.readTree(list.out()).size(), list.out());
    }

    @Test
    void helpAndVersion() {
        Cli.Result v = Cli.run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("watchman "), v.out());
        for (String cmd : new String[] {"serve", "status", "query", "snapshot", "snapshots", "drift", "changes", "watch",
                "audit", "packs", "compliance", "jobs", "check", "alerts", "silence", "host"}) {
            Cli.Result h = Cli.run(cmd, "--help");
            assertEquals(0, h.code(), cmd);
            assertTrue(h.out().contains("Usage: watchman " + cmd), h.out());
        }
    }

    String snapshotId(Path root) throws IOException {
        Cli.Result s = Cli.run("snapshot", root.toString(), "--json", "--config", config.toString());
        assertEquals(0, s.code(), s.err());
        return Output.JSON.readTree(s.out()).get("snapshotId").asText();
    }

    static void oneLine(Cli.Result r, int code, String... mentions) {
        assertEquals(code, r.code(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        for (String m : mentions) {
            assertTrue(r.err().contains(m), "'" + m + "' in: " + r.err());
        }
    }

    @Test
    void driftNamesTheSnapshotsRootAndRefusesAnotherOne() throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Files.writeString(etc.resolve("app.conf"), "x\n");
        Path usr = Files.createDirectories(dir.resolve("usr"));
        Files.writeString(usr.resolve("bin"), "y\n");
        String id = snapshotId(etc);
        oneLine(Cli.run("drift", id, usr.toString(), "--config", config.toString()), ExitCode.USAGE, id, etc.toString(),
                usr.toString());
        Cli.Result text = Cli.run("drift", id, etc.toString(), "--config", config.toString());
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains(id + " (" + etc + ")"), text.out());
        Files.writeString(etc.resolve("new.conf"), "n\n");
        Cli.Result found = Cli.run("drift", id, etc.toString(), "--config", config.toString());
        assertTrue(found.out().startsWith("drift from " + id + " (" + etc + ")"), found.out());
        JsonNode j = Output.JSON.readTree(Cli.run("drift", id, etc.toString(), "--json", "--config", config.toString()).out());
        assertEquals(etc.toString(), j.get("root").asText());
        assertEquals(id, j.get("from").asText());
        assertEquals("new.conf", j.get("added").get(0).asText());
        String id2 = snapshotId(etc);
        JsonNode between = Output.JSON.readTree(Cli.run("drift", id, "--to", id2, "--json", "--config", config.toString()).out());
        assertEquals(etc.toString(), between.get("root").asText());
        assertEquals(id2, between.get("to").asText());
    }

    @Test
    void aSnapshotAfterAnInterruptedOneSaysItIsABaseline() throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Files.writeString(etc.resolve("a.conf"), "a\n");
        Files.writeString(etc.resolve("b.conf"), "b\n");
        String id = snapshotId(etc);
        // What a kill -9 of the first snapshot just before its last transaction leaves behind.
        TestGraph.write("MATCH (r:Root)-[:HAS_SNAPSHOT]->(s:Snapshot {id: $id}) "
                + "SET s.complete = false, r.lastCompleteSeq = 0, r.lastScanStartedAt = null", java.util.Map.of("id", id));
        Files.delete(dir.resolve("data/cache").toFile().listFiles()[0].toPath());
        Cli.Result text = Cli.run("snapshot", etc.toString(), "--config", config.toString());
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("baseline (previous snapshot " + id + " was incomplete): 2 entries recorded, "
                + "no change events"), text.out());
        assertFalse(text.out().contains("since the previous snapshot"), text.out());
        JsonNode j = Output.JSON.readTree(Cli.run("snapshot", etc.toString(), "--json", "--config", config.toString()).out());
        assertFalse(j.get("baseline").asBoolean(), j.toString());
        assertTrue(j.get("previousIncomplete").isNull(), j.toString());
    }

    @Test
    void savedQuestionsCheckEntityParametersAndTimes() throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Files.writeString(etc.resolve("a.conf"), "a\n");
        String id = snapshotId(etc);
        assertEquals(0, Cli.run("query", "snapshot-files", "-p", "snapshotId=" + id, "--config", config.toString()).code());
        oneLine(Cli.run("query", "snapshot-files", "-p", "snapshotId=snap-nope-1", "--config", config.toString()),
                ExitCode.NOT_FOUND, "snapshotId", "snap-nope-1");
        oneLine(Cli.run("query", "file-at-snapshot", "-p", "snapshotId=snap-nope-1", "-p", "path=/etc/x", "--config",
                config.toString()), ExitCode.NOT_FOUND, "snapshotId", "snap-nope-1");
        oneLine(Cli.run("query", "file-history", "-p", "path=etc/ssh/sshd_config", "--config", config.toString()),
                ExitCode.NOT_FOUND, "path", "etc/ssh/sshd_config");
        oneLine(Cli.run("query", "pack-mismatches", "-p", "pack=no-such-pack", "--config", config.toString()),
                ExitCode.NOT_FOUND, "pack", "no-such-pack");

        Files.writeString(etc.resolve("b.conf"), "b\n");
        snapshotId(etc);
        for (String since : new String[] {"24h", "7d", "30m", "2026-01-01T00:00:00Z", "2026-01-01"}) {
            Cli.Result r = Cli.run("query", "changes-since", "-p", "since=" + since, "--json", "--config", config.toString());
            assertEquals(0, r.code(), since + ": " + r.err());
            assertEquals(1, Output.JSON.readTree(r.out()).size(), since + ": " + r.out());
        }
        oneLine(Cli.run("query", "changes-since", "-p", "since=yesterday", "--config", config.toString()), ExitCode.USAGE,
                "since", "yesterday", "24h", "ISO");
        Cli.Result future = Cli.run("query", "changes-since", "-p", "since=2999-01-01T00:00:00Z", "--json", "--config", config.toString());
        assertEquals(0, Output.JSON.readTree(future.out()).size(), future.out());
    }

    @Test
    void everyDirectoryArgumentFollowsOneRule() throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "x\n");
        Path missing = dir.resolve("nonexistent");
        Path etc = Files.createDirectories(dir.resolve("etc"));
        String id = snapshotId(etc);
        String[][] commands = {{"snapshot"}, {"audit"}, {"drift", id}};
        for (String[] c : commands) {
            for (Path p : new Path[] {file, missing}) {
                String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(c),
                        java.util.stream.Stream.of(p.toString(), "--config", config.toString())).toArray(String[]::new);
                oneLine(Cli.run(args), ExitCode.USAGE, p.toString(), p == file ? "not a directory" : "no such directory");
            }
        }
        oneLine(Cli.run("audit", etc.toString(), "--root", missing.toString(), "--config", config.toString()),
                ExitCode.USAGE, "--root", "no such directory");
        oneLine(Cli.run("compliance", "--root", file.toString(), "--config", config.toString()),
                ExitCode.USAGE, "--root", "not a directory");
    }

    @Test
    void aDataDirThatCannotBeWrittenIsExitSeven() throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        String pw = TestGraph.password() == null ? "" : "password = \"" + TestGraph.password() + "\"\n";
        Files.writeString(config, "data_dir = \"/proc/watchman-test\"\n[neo4j]\nuri = \"" + TestGraph.uri() + "\"\n" + pw
                + "[host]\nid = \"cli-test-host\"\n");
        oneLine(Cli.run("snapshot", etc.toString(), "--config", config.toString()), ExitCode.IO, "/proc/watchman-test");
        assertEquals(0, TestGraph.count("MATCH (s:Snapshot) RETURN count(s)", java.util.Map.of()), "nothing written");
    }

    @Test
    void watchRefusesAMissingPathAndABadCount() {
        Path missing = dir.resolve("nonexistent");
        Cli.Result r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                () -> Cli.run("watch", missing.toString(), "--config", config.toString()));
        oneLine(r, ExitCode.USAGE, missing.toString(), "no such file or directory");
        for (String n : new String[] {"0", "-3"}) {
            oneLine(Cli.run("watch", dir.toString(), "--count", n, "--config", config.toString()), ExitCode.USAGE,
                    "--count", n);
        }
    }
}
