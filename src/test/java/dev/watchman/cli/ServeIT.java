package dev.watchman.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code watchman serve} as a real process on the embedded store: ready line, Bolt, Browser and API
 * answer, a command waits for a starting serve, SIGTERM stops it cleanly, and a restart keeps the data.
 */
class ServeIT {
    @TempDir
    Path dir;

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** With {@code heap} null serve relaunches itself in a child JVM with [neo4j] heap, as `java -jar` does. */
    Process serve(Path config, Path log, String heap) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (heap != null) {
            cmd.add("-Xmx" + heap);
        }
        cmd.addAll(List.of("--add-opens", "java.base/sun.nio.fs=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "serve", "--config", config.toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static void awaitLockState(Path lock, String state, Process p, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(lock) && Files.readString(lock).strip().equals(state)) {
                return;
            }
            assertTrue(p.isAlive(), "serve died: " + (Files.exists(log) ? Files.readString(log) : ""));
            Thread.sleep(20);
        }
        throw new AssertionError("lock never said '" + state + "'");
    }

    static void awaitReady(Path log, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains("ready in")) {
                return;
            }
            assertTrue(p.isAlive(), "serve died: " + Files.readString(log));
            Thread.sleep(200);
        }
        throw new AssertionError("serve not ready: " + Files.readString(log));
    }

    @Test
    void aCommandWithNothingServingOpensTheStoreInProcessAndSaysSo() throws Exception {
        Path config = Files.writeString(dir.resolve("w.toml"), """
                data_dir = "%s"
                [neo4j]
                bolt_port = %d
                [host]
                id = "in-process"
                """.formatted(dir.resolve("data"), freePort()));
        Cli.Result r = Cli.run("status", "--json", "--config", config.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("embedded-in-process", Output.JSON.readTree(r.out()).get("backend").asText());
        assertTrue(Files.isDirectory(dir.resolve("data/neo4j")));
        // The lock is released when the command ends: the next command can open the store again.
        assertEquals(0, Cli.run("query", "RETURN 1 AS x", "--config", config.toString()).code());
    }

    @Test
    void serveAnswersStopsOnSigtermAndRestartsWithDataIntact() throws Exception {
        int bolt = freePort();
        int http = freePort();
        int api = freePort();
        Path config = Files.writeString(dir.resolve("w.toml"), """
                data_dir = "%s"
                [neo4j]
                bolt_port = %d
                http_port = %d
                [api]
                port = %d
                [host]
                id = "serve-test"
                """.formatted(dir.resolve("data"), bolt, http, api));
        Path log = dir.resolve("serve.log");
        Process p = serve(config, log, "512m");
        try {
            // Started while serve is still starting: must wait for it, not open the store itself.
            awaitLockState(dir.resolve("data/watchman.lock"), "serve " + p.pid() + " starting", p, log);
            Cli.Result early = Cli.run("status", "--json", "--config", config.toString());
            assertEquals(0, early.code(), early.err());
            awaitReady(log, p);
            assertEquals("embedded", Output.JSON.readTree(early.out()).get("backend").asText(), early.err());

            String ready = Files.readString(log);
            assertTrue(ready.contains("bolt=bolt://127.0.0.1:" + bolt), ready);
            assertEquals("serve " + p.pid() + " ready bolt=" + bolt + " http=" + http,
                    Files.readString(dir.resolve("data/watchman.lock")).strip());
            // A command given another config (another Bolt port) is told where serve is, at once.
            int otherBolt = freePort();
            Path other = Files.writeString(dir.resolve("other.toml"), """
                    data_dir = "%s"
                    [neo4j]
                    bolt_port = %d
                    """.formatted(dir.resolve("data"), otherBolt));
            Cli.Result elsewhere = Cli.run("status", "--config", other.toString());
            assertEquals(dev.watchman.ExitCode.LOCKED, elsewhere.code(), elsewhere.err());
            assertEquals("watchman: the store in " + dir.resolve("data") + " is served by watchman serve (pid " + p.pid()
                    + ") on bolt://127.0.0.1:" + bolt + ", this command looks at bolt://127.0.0.1:" + otherBolt
                    + "; pass the same --config as serve (or set [neo4j] bolt_port to " + bolt + ")",
                    elsewhere.err().strip());
            assertTrue(ready.contains("browser=http://127.0.0.1:" + http + "/browser/"), ready);
            assertTrue(ready.contains(" scheduler=drift_check next at "), ready);

            HttpClient http1 = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> browser = http1.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + http + "/browser/")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, browser.statusCode());
            assertTrue(browser.body().contains("Neo4j Browser"));
            HttpResponse<String> discovery = http1.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + http + "/")).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(discovery.body().contains("127.0.0.1:" + bolt), "advertised Bolt: " + discovery.body());
            // Only the holder of data_dir/api-token may use the API; data_dir itself is the owner's alone.
            String token = Files.readString(dir.resolve("data").resolve("api-token")).strip();
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("data"))));
            assertEquals("rwx------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve("data").resolve("neo4j"))));
            HttpResponse<String> anonymous = http1.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + api + "/api/status")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, anonymous.statusCode(), anonymous.body());
            HttpResponse<String> status = http1.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + api + "/api/status")).header("Authorization", "Bearer " + token)
                    .build(), HttpResponse.BodyHandlers.ofString());
            JsonNode s = Output.JSON.readTree(status.body());
            assertEquals(1, s.get("nodeCounts").get("Host").asInt(), status.body());
            mutationsTakeOwnOriginJsonOnly(http1, api, config, token);

            // A second serve on the same store is refused with a clear message, never opens it.
            Cli.Result second = Cli.run("serve", "--config", config.toString());
            assertEquals(dev.watchman.ExitCode.LOCKED, second.code(), second.err());
            assertTrue(second.err().contains("in use by watchman serve (pid " + p.pid() + ")"), second.err());

            Cli.Result q = Cli.run("query", "MATCH (h:Host {id: 'serve-test'}) RETURN h.name AS name", "--json",
                    "--config", config.toString());
            assertEquals(0, q.code(), q.err());

            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "serve stops on SIGTERM");
            assertTrue(Files.readString(log).contains("stopped; store closed cleanly"), Files.readString(log));

            Files.delete(log);
            p = serve(config, log, null);
            awaitReady(log, p);
            // No -Xmx given: the store is served by a child JVM with the configured heap.
            StoreLockOwner owner = StoreLockOwner.read(dir.resolve("data/watchman.lock"));
            assertTrue(owner.pid() != p.pid(), "served by a child JVM");
            String cmdline = Files.readString(Path.of("/proc/" + owner.pid() + "/cmdline")).replace('\0', ' ');
            assertTrue(cmdline.contains(" -Xmx1g "), "child runs with -Xmx1g: " + cmdline);
            Cli.Result again = Cli.run("query", "MATCH (h:Host) RETURN h.id AS id, h.createdAt IS NOT NULL AS kept",
                    "--json", "--config", config.toString());
            JsonNode rows = Output.JSON.readTree(again.out());
            assertEquals(1, rows.size(), again.out());
            assertEquals("serve-test", rows.get(0).get("id").asText());
            p.destroy(); // SIGTERM to the launcher reaches the child
            assertTrue(p.waitFor(90, TimeUnit.SECONDS));
            assertTrue(Files.readString(log).contains("stopped; store closed cleanly"), Files.readString(log));
            assertTrue(ProcessHandle.of(owner.pid()).map(ProcessHandle::isAlive).orElse(false) == false, "child gone");
        } finally {
            p.destroy();
            p.waitFor(60, TimeUnit.SECONDS);
        }
    }

    /** A hostile page's POST (foreign Origin, or text/plain) is refused and records nothing; JSON from us or curl is kept. */
    static void mutationsTakeOwnOriginJsonOnly(HttpClient http, int api, Path config, String token) throws Exception {
        URI changes = URI.create("http://127.0.0.1:" + api + "/api/changes");
        java.util.function.BiFunction<String, String, HttpRequest.Builder> post = (path, type) -> HttpRequest
                .newBuilder(changes).header("Authorization", "Bearer " + token).header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"path\": \"" + path + "\", \"changeType\": \"modified\"}"));
        HttpResponse<String> foreign = http.send(post.apply("/etc/csrf-foreign", "application/json")
                .header("Origin", "http://evil.example").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, foreign.statusCode(), foreign.body());
        assertTrue(foreign.body().contains("origin 'http://evil.example'"), foreign.body());
        HttpResponse<String> crossSite = http.send(post.apply("/etc/csrf-cross-site", "application/json")
                .header("Sec-Fetch-Site", "cross-site").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, crossSite.statusCode(), crossSite.body());
        HttpResponse<String> plain = http.send(post.apply("/etc/csrf-plain", "text/plain").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(415, plain.statusCode(), plain.body());
        assertTrue(plain.body().contains("application/json only"), plain.body());
        HttpResponse<String> own = http.send(post.apply("/etc/same-origin", "application/json; charset=utf-8")
                .header("Origin", "http://localhost:" + api).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, own.statusCode(), own.body());
        HttpResponse<String> curl = http.send(post.apply("/etc/no-origin", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, curl.statusCode(), curl.body());
        Cli.Result recorded = Cli.run("query", "MATCH (e:Event {source: 'api'}) RETURN e.path AS path ORDER BY path",
                "--json", "--config", config.toString());
        assertEquals(0, recorded.code(), recorded.err());
        List<String> paths = new ArrayList<>();
        Output.JSON.readTree(recorded.out()).forEach(r -> paths.add(r.get("path").asText()));
        assertEquals(List.of("/etc/no-origin", "/etc/same-origin"), paths, "only the accepted posts are in the graph");
    }

    @Test
    void serveOnATakenPortSaysWhichAndTheKeyInOneLine() throws Exception {
        try (ServerSocket held = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int bolt = held.getLocalPort();
            Path config = Files.writeString(dir.resolve("w.toml"), """
                    data_dir = "%s"
                    [neo4j]
                    bolt_port = %d
                    http_port = %d
                    [api]
                    port = %d
                    """.formatted(dir.resolve("data"), bolt, freePort(), freePort()));
            Cli.Result r = Cli.run("serve", "--config", config.toString());
            assertEquals(dev.watchman.ExitCode.IO, r.code(), r.err());
            assertEquals("watchman: cannot listen on 127.0.0.1:" + bolt + " for Neo4j Bolt: the port is already in use by"
                    + " another process; set [neo4j] bolt_port to a free port, or stop what holds it (ss -ltnp 'sport = :"
                    + bolt + "')", r.err().strip());
        }
    }

    @Test
    void theServeChildJvmStopsCleanlyWhenItsLauncherIsKilled() throws Exception {
        Path config = Files.writeString(dir.resolve("w.toml"), """
                data_dir = "%s"
                [neo4j]
                bolt_port = %d
                http_port = %d
                heap = "512m"
                [api]
                port = %d
                [host]
                id = "orphan-test"
                """.formatted(dir.resolve("data"), freePort(), freePort(), freePort()));
        Path log = dir.resolve("serve.log");
        Path lock = dir.resolve("data/watchman.lock");
        Process launcher = serve(config, log, null);
        ProcessHandle child = null;
        try {
            awaitReady(log, launcher);
            long childPid = StoreLockOwner.read(lock).pid();
            assertTrue(childPid != launcher.pid(), "served by a child JVM");
            child = ProcessHandle.of(childPid).orElseThrow();
            launcher.destroyForcibly(); // SIGKILL: the launcher relays nothing
            assertTrue(launcher.waitFor(30, TimeUnit.SECONDS));
            // A liveness bound, not a timing assertion: the orphan must go, soon.
            assertTrue(child.onExit().completeOnTimeout(null, 60, TimeUnit.SECONDS).get() != null && !child.isAlive(),
                    "the serve child outlived its launcher: " + Files.readString(log));
            String out = Files.readString(log);
            assertTrue(out.contains("the serve launcher (pid " + launcher.pid() + ") is gone; stopping")
                    && out.contains("stopped; store closed cleanly"), out);
            try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.WRITE); FileLock free = ch.tryLock()) {
                assertTrue(free != null, "store lock released");
            }
        } finally {
            launcher.destroyForcibly();
            if (child != null) {
                child.destroyForcibly();
                child.onExit().completeOnTimeout(null, 30, TimeUnit.SECONDS).get();
            }
        }
    }

    record StoreLockOwner(String role, long pid) {
        static StoreLockOwner read(Path lock) throws IOException {
            String[] f = Files.readString(lock).strip().split("\\s+");
            return new StoreLockOwner(f[0], Long.parseLong(f[1]));
        }
    }
}
