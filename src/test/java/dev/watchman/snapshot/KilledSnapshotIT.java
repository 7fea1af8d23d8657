package dev.watchman.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import dev.watchman.cli.Main;
import dev.watchman.graph.Graph;
import dev.watchman.graph.TestGraph;
import dev.watchman.host.HostIdentity;
import dev.watchman.host.HostService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real kill -9 of `watchman snapshot` in the middle of its graph writes. */
class KilledSnapshotIT {
    @TempDir
    Path tmp;

    @Test
    void aSnapshotKilledMidWriteNeverLooksCompleteAndTheNextOneIsRight() throws Exception {
        Graph graph = TestGraph.fresh();
        HostIdentity host = new HostIdentity("kill-host", "kill", null, "linux", "6");
        new HostService(graph, host).upsert();
        Path root = tmp.resolve("tree");
        SnapshotIT.python("gen-tree.py", "--root", root.toString(), "--files", "30000", "--dirs", "50", "--depth", "3");
        String pw = TestGraph.password() == null ? "" : "password = \"" + TestGraph.password() + "\"\n";
        Path config = Files.writeString(tmp.resolve("w.toml"), "data_dir = \"" + tmp.resolve("data") + "\"\n"
                + "[neo4j]\nuri = \"" + TestGraph.uri() + "\"\n" + pw + "[host]\nid = \"kill-host\"\n");

        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens", "java.base/sun.nio.fs=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "snapshot", root.toString(), "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("snap.log").toFile()).start();
        // Wait until versions are being written, then kill -9 before the last batch.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        long written = 0;
        while (System.nanoTime() < deadline && p.isAlive()) {
            written = TestGraph.count("MATCH (v:FileVersion) RETURN count(v)", Map.of());
            if (written >= 5_000) {
                break;
            }
            Thread.sleep(20);
        }
        assertTrue(p.isAlive(), "snapshot finished before it could be killed: " + Files.readString(tmp.resolve("snap.log")));
        p.destroyForcibly(); // SIGKILL
        p.waitFor(30, TimeUnit.SECONDS);
        assertTrue(written > 0 && written < 30_050, "killed mid-write: " + written);

        List<Map<String, Object>> snaps = graph.readOnly("MATCH (s:Snapshot) RETURN s.id AS id, s.complete AS complete",
                Map.of(), java.time.Duration.ofSeconds(10));
        assertEquals(1, snaps.size());
        assertEquals(false, snaps.get(0).get("complete"), "nothing that looks complete");
        String killed = (String) snaps.get(0).get("id");
        SnapshotService service = new SnapshotService(graph, host, tmp.resolve("data"));
        assertEquals(ExitCode.REFUSED, assertThrows(WatchmanException.class,
                () -> service.driftAgainstDir(killed, root, List.of(), false, ProgressListener.NONE)).exitCode());

        // The next snapshot completes over the partial writes and is exact: one open version per entry.
        SnapshotService.Summary next = service.snapshot(root, "default", List.of(), false, ProgressListener.NONE);
        assertTrue(next.complete());
        assertEquals(30_000, next.totalFiles());
        assertEquals(30_000 + 50, TestGraph.count(
                "MATCH (f:ConfigFile)-[:HAS_VERSION]->(v:FileVersion) WHERE v.toSeq IS NULL RETURN count(v)", Map.of()));
        assertEquals(0, TestGraph.count(
                "MATCH (f:ConfigFile)-[:HAS_VERSION]->(v:FileVersion) WHERE v.toSeq IS NULL "
                        + "WITH f, count(v) AS open WHERE open > 1 RETURN count(f)", Map.of()));
        assertTrue(service.driftAgainstDir(next.snapshotId(), root, List.of(), false, ProgressListener.NONE).isEmpty());
    }
}
