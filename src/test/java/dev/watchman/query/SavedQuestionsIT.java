package dev.watchman.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import dev.watchman.cli.Cli;
import dev.watchman.graph.Cypher;
import dev.watchman.graph.Graph;
import dev.watchman.graph.Table;
import dev.watchman.graph.TestGraph;
import dev.watchman.pack.PackTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every saved question in {@code cypher/queries/} runs, on an empty graph and on one seeded by the
 * real commands (snapshots, a change, an audit with a planted secret, pack compliance), and
 * returns exactly the columns its header declares. A new question needs nothing here unless it
 * takes a parameter this test has no value for, and then the test says so.
 */
class SavedQuestionsIT {
    private static final Pattern PARAM = Pattern.compile("\\$(\\w+)");

    @TempDir
    Path tmp;

    @Test
    void everySavedQuestionRunsOnAnEmptyGraphWithItsDeclaredColumns() {
        Graph graph = TestGraph.fresh();
        QueryService service = new QueryService(graph);
        Map<String, Object> values = Map.of("snapshotId", "snap-none", "path", "/etc/none", "pack", "none",
                "since", "24h");
        for (QueryService.Saved q : QueryService.saved()) {
            Map<String, Object> params = paramsFor(q, values);
            boolean refers = !QueryService.references(Cypher.text(QueryService.SAVED + q.name())).isEmpty();
            try {
                Table t = service.table(q.name(), params);
                assertFalse(refers, q.name() + " names an entity that does not exist and must say so (exit 4)");
                assertEquals(q.columnNames(), t.columns(), q.name() + ": the columns its header declares");
                assertTrue(t.rows().isEmpty(), q.name() + " on an empty graph: " + t.rows());
            } catch (WatchmanException e) {
                assertTrue(refers, q.name() + " failed on an empty graph: " + e.getMessage());
                assertEquals(ExitCode.NOT_FOUND, e.exitCode(), q.name() + ": " + e.getMessage());
            }
        }
    }

    @Test
    void everySavedQuestionAnswersOnASeededGraph() throws IOException {
        Graph graph = TestGraph.fresh();
        Path packs = tmp.resolve("packs");
        PackTrees.writePacks(packs);
        Path root = PackTrees.root(tmp.resolve("host"));
        Path config = Cli.config(tmp, "audit-host",
                "name = \"audit-box\"\n[packs]\ndir = \"" + packs + "\"\n");
        Path etc = root.resolve("etc");
        Files.writeString(etc.resolve("db.conf"), "password = Tr0ub4dor-and-3\n");
        assertEquals(0, Cli.run(config, "snapshot", etc.toString()).code());
        Files.writeString(etc.resolve("db.conf"), "password = correct-horse-battery-9\n");
        assertEquals(0, Cli.run(config, "snapshot", etc.toString()).code());
        Cli.run(config, "audit", etc.toString());
        assertEquals(0, Cli.run(config, "packs", "assign", "audit-host", "app-bad").code());
        assertEquals(ExitCode.FINDINGS, Cli.run(config, "compliance", "--root", root.toString()).code());

        String snapshotId = (String) graph.readOnly("MATCH (s:Snapshot) RETURN s.id AS id ORDER BY s.seq DESC LIMIT 1",
                Map.of(), java.time.Duration.ofSeconds(30)).get(0).get("id");
        Map<String, Object> values = Map.of("snapshotId", snapshotId, "path", etc.resolve("db.conf").toString(),
                "pack", "app-bad", "since", "1h");
        QueryService service = new QueryService(graph);
        Set<String> answered = new HashSet<>();
        for (QueryService.Saved q : QueryService.saved()) {
            Table t = service.table(q.name(), paramsFor(q, values));
            assertEquals(q.columnNames(), t.columns(), q.name() + ": the columns its header declares");
            if (!t.rows().isEmpty()) {
                answered.add(q.name());
            }
        }
        // The seed touches each domain: these must find what it wrote.
        for (String q : List.of("snapshot-files", "file-at-snapshot", "file-history", "file-changes", "changes-since",
                "hosts", "latest-audits", "secret-findings", "pack-assignments", "pack-mismatches",
                "non-compliant-hosts")) {
            assertTrue(answered.contains(q), q + " found nothing in the seeded graph");
        }
    }

    /** A value for each parameter the question's body uses; an unknown one is this test's to learn. */
    private static Map<String, Object> paramsFor(QueryService.Saved q, Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        String text = Cypher.text(QueryService.SAVED + q.name());
        String body = String.join("\n", text.lines().filter(l -> !l.strip().startsWith("//")).toList());
        Matcher m = PARAM.matcher(body);
        while (m.find()) {
            String p = m.group(1);
            if (!values.containsKey(p)) {
                fail(q.name() + " takes $" + p + ": give SavedQuestionsIT a value for it");
            }
            out.put(p, values.get(p));
        }
        return out;
    }
}
