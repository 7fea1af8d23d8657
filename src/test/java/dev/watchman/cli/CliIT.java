package dev.watchman.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchman.ExitCode;
import dev.watchman.graph.TestGraph;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
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

    record Run(int code, String out, String err) {
    }

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

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void statusJsonNamesBackendAndHost() throws IOException {
        Run r = run("status", "--json", "--config", config.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = Output.JSON.readTree(r.out());
        assertEquals("external", j.get("backend").asText());
        assertEquals("cli-test-host", j.get("hostId").asText());
        assertTrue(j.get("neo4jVersion").asText().startsWith("5."));
        assertTrue(j.get("nodeCounts").isObject());
    }

    @Test
    void queryPrintsTableAndJson() throws IOException {
        Run t = run("query", "RETURN $n + 1 AS answer, 'x' AS s", "--param", "n=41", "--config", config.toString());
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("answer") && t.out().contains("42"), t.out());
        Run j = run("query", "RETURN 1 AS one", "--json", "--config", config.toString());
        assertEquals(1, Output.JSON.readTree(j.out()).get(0).get("one").asInt());
        Run w = run("query", "CREATE (:X)", "--config", config.toString());
        assertEquals(ExitCode.USAGE, w.code());
        Run list = run("query", "--list", "--config", config.toString());
        assertTrue(list.out().contains("hosts"), list.out());
    }

    @Test
    void badInputGetsOneLineAndTheDocumentedCode() throws IOException {
        assertEquals(ExitCode.USAGE, run("no-such-command").code());
        assertEquals(ExitCode.USAGE, run("status", "--no-such-flag").code());
        Files.writeString(config, "[neo4j]\nbolt_prot = 1\n");
        Run bad = run("status", "--config", config.toString());
        assertEquals(ExitCode.USAGE, bad.code());
        assertTrue(bad.err().startsWith("watchman: config "), bad.err());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());

        writeConfig("bolt://127.0.0.1:1");
        Run down = run("status", "--config", config.toString());
        assertEquals(ExitCode.GRAPH, down.code());
        assertTrue(down.err().contains("bolt://127.0.0.1:1"), down.err());
        assertFalse(down.err().contains("\tat "), "no stack trace without --debug");
        Run debug = run("status", "--debug", "--config", config.toString());
        assertTrue(debug.err().contains("\tat "), "stack trace with --debug");
    }

    @Test
    void snapshotDriftAndChangesThroughTheCli() throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Files.writeString(etc.resolve("app.conf"), "port = 80\n");
        Files.writeString(etc.resolve("old.conf"), "x\n");
        Run s1 = run("snapshot", etc.toString(), "--json", "--config", config.toString());
        assertEquals(0, s1.code(), s1.err());
        String id1 = Output.JSON.readTree(s1.out()).get("snapshotId").asText();
        Thread.sleep(60);
        Files.writeString(etc.resolve("app.conf"), "port = 8080\n");
        Files.delete(etc.resolve("old.conf"));
        Files.writeString(etc.resolve("new.conf"), "y\n");

        Run drift = run("drift", id1, etc.toString(), "--json", "--config", config.toString());
        assertEquals(ExitCode.FINDINGS, drift.code(), drift.err());
        JsonNode d = Output.JSON.readTree(drift.out());
        assertEquals("new.conf", d.get("added").get(0).asText());
        assertEquals("old.conf", d.get("removed").get(0).asText());
        assertEquals("app.conf", d.get("modified").get(0).get("path").asText());
        assertTrue(d.get("modified").get(0).get("changed").toString().contains("content"));
        Run text = run("drift", id1, etc.toString(), "--config", config.toString());
        assertTrue(text.out().contains("modified  app.conf"), text.out());

        Run s2 = run("snapshot", etc.toString(), "--json", "--config", config.toString());
        String id2 = Output.JSON.readTree(s2.out()).get("snapshotId").asText();
        assertEquals(drift.out(), run("drift", id1, "--to", id2, "--json", "--config", config.toString()).out());
        assertEquals(ExitCode.OK, run("drift", id2, etc.toString(), "--config", config.toString()).code());
        assertEquals(ExitCode.NOT_FOUND, run("drift", "snap-missing-9", etc.toString(), "--config", config.toString()).code());
        assertEquals(ExitCode.USAGE, run("drift", id1, "--config", config.toString()).code());

        Run changes = run("changes", etc.toString(), "--json", "--config", config.toString());
        assertEquals(0, changes.code(), changes.err());
        JsonNode c = Output.JSON.readTree(changes.out());
        assertEquals(3, c.size(), changes.out());
        assertTrue(changes.out().contains("\"snapshot\""), changes.out());
        Run created = run("changes", etc.resolve("new.conf").toString(), "--type", "created", "--json",
                "--config", config.toString());
        assertEquals(1, Output.JSON.readTree(created.out()).size(), created.out());
        assertEquals(ExitCode.USAGE, run("changes", "--since", "yesterday-ish", "--config", config.toString()).code());
        Run list = run("snapshots", "--json", "--config", config.toString());
        assertEquals(2, Output.JSON.readTree(list.out()).size(), list.out());
    }

    @Test
    void helpAndVersion() {
        Run v = run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("watchman "), v.out());
        for (String cmd : new String[] {"serve", "status", "query", "snapshot", "snapshots", "drift", "changes", "watch",
                "audit", "packs", "compliance"}) {
            Run h = run(cmd, "--help");
            assertEquals(0, h.code(), cmd);
            assertTrue(h.out().contains("Usage: watchman " + cmd), h.out());
        }
    }
}
