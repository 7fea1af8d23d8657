package dev.watchman.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.watchman.ExitCode;
import dev.watchman.cli.Cli;
import dev.watchman.graph.Graph;
import dev.watchman.graph.TestGraph;
import dev.watchman.host.HostIdentity;
import dev.watchman.host.HostService;
import dev.watchman.query.QueryService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packs in the graph through the CLI: assignment, per-pack compliance, bad packs. */
class PackServiceIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ASSIGNED = "MATCH (:Host {id: 'audit-host'})-[:ASSIGNED]->(p:Pack) RETURN p.id";

    @TempDir
    Path tmp;
    Path config;
    Path packs;
    Path root;
    Graph graph;

    @BeforeEach
    void setUp() throws IOException {
        graph = TestGraph.fresh();
        packs = tmp.resolve("packs");
        PackTrees.writePacks(packs);
        root = PackTrees.root(tmp.resolve("host"));
        config = Cli.config(tmp, "audit-host",
                "name = \"audit-box\"\n[packs]\ndir = \"" + packs + "\"\n");
    }

    Cli.Result run(String... args) {
        return Cli.run(config, args);
    }

    @Test
    void aFileSnapshotsNoLongerTrackIsCheckedOnDiskNotFromItsLastRecord() throws IOException {
        assertEquals(0, run("packs", "assign", "audit-host", "app-bad").code());
        assertEquals(0, run("snapshot", root.toString()).code());
        assertEquals(0, run("snapshot", root.toString(), "--exclude", "etc/app.conf").code());
        Files.setPosixFilePermissions(root.resolve("etc/app.conf"),
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        JsonNode checks = JSON.readTree(run("compliance", "--root", root.toString(), "--json").out());
        assertEquals(Set.of("app-extra"), rulesOf(checks.get(0)), "app.conf's mode as it is now, 0644: "
                + checks);
    }

    @Test
    void twoPacksOnOneHostAreCheckedAndStoredSeparately() throws IOException {
        assertEquals(0, run("packs", "assign", "audit-box", "app-good").code());
        assertEquals(0, run("packs", "assign", "audit-host", "app-bad").code());
        Cli.Result r = run("compliance", "--root", root.toString(), "--json");
        assertEquals(ExitCode.FINDINGS, r.code(), r.err());
        JsonNode checks = JSON.readTree(r.out());
        assertEquals(2, checks.size());
        JsonNode bad = checks.get(0);
        JsonNode good = checks.get(1);
        assertEquals("app-bad", bad.get("pack").asText());
        assertFalse(bad.get("compliant").asBoolean());
        assertEquals(Set.of("app-mode", "app-extra"), rulesOf(bad));
        JsonNode modeMismatch = bad.get("mismatches").get(0);
        assertEquals("/etc/app.conf", modeMismatch.get("path").asText());
        assertEquals("mode 0644", modeMismatch.get("expected").asText());
        assertEquals("mode 0600", modeMismatch.get("actual").asText());
        assertEquals("app-good", good.get("pack").asText());
        assertTrue(good.get("compliant").asBoolean());
        assertEquals(0, good.get("mismatches").size());
        assertEquals(0, good.get("recordedPaths").asInt(), "nothing snapshotted yet: all from disk");

        assertEquals(Set.of(List.of("app-good", "compliant", 0L, 0L), List.of("app-bad", "non_compliant", 2L, 2L)),
                TestGraph.tuples("MATCH (:Host {id: 'audit-host'})-[:HAS_AUDIT]->(a:ConfigAudit {kind: 'pack'})"
                        + "-[:USED_PACK]->(p:Pack) RETURN p.name, a.complianceStatus, a.issuesFound, "
                        + "COUNT { (a)-[:HAS_MISMATCH]->(:Mismatch) }", Map.of()));
        assertEquals(Set.of(List.of("/etc/app.conf", "app-mode", "high", "mode 0644", "mode 0600"),
                        List.of("/etc/app-extra.conf", "app-extra", "medium", "exists", "missing")),
                TestGraph.tuples("MATCH (:ConfigAudit {pack: 'app-bad'})-[:HAS_MISMATCH]->(m:Mismatch) "
                        + "RETURN m.path, m.rule, m.severity, m.expected, m.actual", Map.of()));
        List<Map<String, Object>> out = new QueryService(graph).run("non-compliant-hosts", Map.of());
        assertEquals(1, out.size(), out.toString());
        assertEquals("app-bad", out.get(0).get("pack"));
        assertEquals(2L, out.get(0).get("mismatches"));

        // After a snapshot, exact-path metadata comes from the graph.
        assertEquals(0, run("snapshot", root.toString()).code());
        JsonNode again = JSON.readTree(run("compliance", "audit-box", "--root", root.toString(), "--json").out());
        assertTrue(again.get(1).get("recordedPaths").asInt() >= 1, again.toString());
        assertEquals(4, TestGraph.count("MATCH (a:ConfigAudit {kind: 'pack'}) RETURN count(a)", Map.of()));

        Cli.Result text = run("compliance", "--root", root.toString());
        assertTrue(text.out().contains("pack app-good 1.0.0: compliant"), text.out());
        assertTrue(text.out().contains("pack app-bad 2.0.0: NOT compliant (2 mismatches)"), text.out());
    }

    @Test
    void onlyThisMachineCanBeCheckedAndOnlyWithPacks() {
        Cli.Result none = run("compliance", "--root", root.toString());
        assertEquals(ExitCode.REFUSED, none.code());
        assertTrue(none.err().contains("no packs are assigned to host audit-box"), none.err());
        new HostService(graph, new HostIdentity("other-host", "other", null, "linux", "6")).upsert();
        Cli.Result other = run("compliance", "other", "--root", root.toString());
        assertEquals(ExitCode.REFUSED, other.code(), other.err());
        assertEquals(ExitCode.NOT_FOUND, run("compliance", "nobody", "--root", root.toString()).code());
        assertEquals(0, TestGraph.count("MATCH (a:ConfigAudit) RETURN count(a)", Map.of()));
        // Assignment to another host is fine; checking it must happen there.
        assertEquals(0, run("packs", "assign", "other", "app-bad").code());
        assertEquals(1, TestGraph.count("MATCH (:Host {id: 'other-host'})-[:ASSIGNED]->(:Pack {name: 'app-bad'}) "
                + "RETURN count(*)", Map.of()));
    }

    @Test
    void malformedPackIsOneLineNamingFileAndRuleAndNothingIsAssignedOrAudited() throws IOException {
        Map<String, String> bad = Map.of(
                "unknown-type.toml", "name = \"broken\"\nversion = \"1\"\n[[rule]]\nid = \"r1\"\ntype = \"file_exists\"\npath = \"/etc/x\"\n",
                "bad-regex.toml", "name = \"broken\"\nversion = \"1\"\n[[rule]]\nid = \"r2\"\ntype = \"line_required\"\n"
                        + "path = \"/etc/x\"\npattern = \"(a\"\n",
                "syntax.toml", "name = \"broken\"\nversion = \n");
        Map<String, String> expect = Map.of("unknown-type.toml", "rule 'r1': unknown rule type 'file_exists'",
                "bad-regex.toml", "rule 'r2': invalid regex", "syntax.toml", "TOML syntax error");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            Path file = Files.writeString(packs.resolve(e.getKey()), e.getValue());
            Cli.Result r = run("packs", "assign", "audit-box", "app-good");
            assertEquals(ExitCode.USAGE, r.code(), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("watchman: " + file), r.err());
            assertTrue(r.err().contains(expect.get(e.getKey())), r.err());
            Cli.Result audit = run("audit", root.toString(), "--pack", "app-good");
            assertEquals(ExitCode.USAGE, audit.code(), audit.err());
            assertEquals(ExitCode.USAGE, run("packs", "list").code());
            Files.delete(file);
        }
        assertEquals(0, TestGraph.count("MATCH ()-[a:ASSIGNED]->() RETURN count(a)", Map.of()));
        assertEquals(0, TestGraph.count("MATCH (a:ConfigAudit) RETURN count(a)", Map.of()));
        assertEquals(0, run("packs", "assign", "audit-box", "app-good").code(), "fixed: assign works");
    }

    @Test
    void assignListShowUnassignRoundTrip() throws IOException {
        Cli.Result a = run("packs", "assign", "audit-box", "app-good");
        assertEquals(0, a.code(), a.err());
        assertTrue(a.out().contains("assigned pack app-good 1.0.0 to host audit-box (audit-host)"), a.out());
        assertEquals(0, run("packs", "assign", "audit-box", "app-good").code());
        assertEquals(Set.of(List.of("app-good@1.0.0")), TestGraph.tuples(ASSIGNED, Map.of()));

        JsonNode list = JSON.readTree(run("packs", "list", "--json").out());
        Set<String> names = new HashSet<>();
        list.forEach(p -> names.add(p.get("name").asText()));
        assertEquals(Set.of("app-bad", "app-good", "linux-baseline", "openssh-server"), names);
        list.forEach(p -> assertEquals(p.get("name").asText().equals("app-good") ? "[\"audit-box\"]" : "[]",
                p.get("hosts").toString(), p.toString()));
        JsonNode show = JSON.readTree(run("packs", "show", "app-good", "--json").out());
        assertEquals(4, show.get("rules").size());
        assertEquals("max_permissions", show.get("rules").get(1).get("type").asText());
        assertEquals("[\"audit-box\"]", show.get("hosts").toString());
        assertTrue(run("packs", "show", "openssh-server").out().contains("jar:packs/openssh-server.toml"));

        Cli.Result u = run("packs", "unassign", "audit-box", "app-good");
        assertEquals(0, u.code(), u.err());
        assertEquals(Set.of(), TestGraph.tuples(ASSIGNED, Map.of()));
        Cli.Result again = run("packs", "unassign", "audit-box", "app-good");
        assertEquals(0, again.code());
        assertTrue(again.out().contains("was not assigned"), again.out());
        assertEquals(ExitCode.NOT_FOUND, run("packs", "unassign", "audit-box", "never-heard-of").code());
        assertEquals(ExitCode.NOT_FOUND, run("packs", "assign", "audit-box", "never-heard-of").code());
        assertEquals(ExitCode.NOT_FOUND, run("packs", "assign", "no-such-host", "app-good").code());
        assertEquals(ExitCode.USAGE, run("packs").code());
    }

    @Test
    void aNewVersionOfAPackTakesOverItsAssignments() throws IOException {
        assertEquals(0, run("packs", "assign", "audit-box", "app-good").code());
        Object at = TestGraph.tuples("MATCH ()-[a:ASSIGNED]->() RETURN a.at", Map.of()).iterator().next().get(0);
        PackTrees.writeGood(packs, "1.1.0");
        Cli.Result r = run("compliance", "--root", root.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals("1.1.0", JSON.readTree(r.out()).get(0).get("version").asText());
        assertEquals(Set.of(List.of("app-good@1.1.0")), TestGraph.tuples(ASSIGNED, Map.of()));
        assertEquals(Set.of(List.of(at)), TestGraph.tuples("MATCH ()-[a:ASSIGNED]->() RETURN a.at", Map.of()));
        assertEquals(2, TestGraph.count("MATCH (p:Pack {name: 'app-good'}) RETURN count(p)", Map.of()),
                "both versions stay in the graph for the audits that used them");

        // An assigned pack whose file is gone is an error, not a silent pass.
        Files.delete(packs.resolve("app-good.toml"));
        Cli.Result gone = run("compliance", "--root", root.toString());
        assertEquals(ExitCode.NOT_FOUND, gone.code());
        assertTrue(gone.err().contains("watchman packs unassign audit-host app-good"), gone.err());
        assertTrue(run("packs", "list").out().contains("(missing: assigned, but no pack file)"));
    }

    private static Set<String> rulesOf(JsonNode check) {
        Set<String> out = new HashSet<>();
        check.get("mismatches").forEach(m -> out.add(m.get("rule").asText()));
        return out;
    }
}
