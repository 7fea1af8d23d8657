package dev.watchman.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import dev.watchman.config.Config;
import dev.watchman.config.ConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a command finds the store when serve holds it: it waits only for a serve that is still
 * starting, and a serve that is ready elsewhere is named at once with its port.
 */
class BackendIT {
    @TempDir
    Path dir;

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    Config config(int boltPort) throws IOException {
        Path file = Files.writeString(dir.resolve("w.toml"), """
                data_dir = "%s"
                [neo4j]
                bolt_port = %d
                """.formatted(dir.resolve("data"), boltPort));
        return new ConfigLoader(Map.of()).load(file);
    }

    /** The wait a test allows; long enough that a command which waits out a ready serve fails the test. */
    static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aServeReadyOnAnotherBoltPortIsNamedAtOnce() throws IOException {
        int servePort = freePort();
        int commandPort = freePort();
        Config config = config(commandPort);
        try (StoreLock serve = StoreLock.tryAcquire(config.dataDir(), "serve")) {
            serve.ready(servePort, 7474);
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            WatchmanException e = assertThrows(WatchmanException.class,
                    () -> Backend.forCommand(config, new PrintStream(err, true, StandardCharsets.UTF_8), WAIT));
            assertEquals(ExitCode.LOCKED, e.exitCode(), e.getMessage());
            long pid = ProcessHandle.current().pid();
            assertEquals("the store in " + config.dataDir() + " is served by watchman serve (pid " + pid + ") on bolt://127.0.0.1:"
                    + servePort + ", this command looks at bolt://127.0.0.1:" + commandPort
                    + "; pass the same --config as serve (or set [neo4j] bolt_port to " + servePort + ")", e.getMessage());
            assertTrue(!err.toString(StandardCharsets.UTF_8).contains("waiting"), err.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aServeReadyOnTheSamePortThatDoesNotAnswerIsAnErrorNotAWait() throws IOException {
        int port = freePort();
        Config config = config(port);
        try (StoreLock serve = StoreLock.tryAcquire(config.dataDir(), "serve")) {
            serve.ready(port, null);
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            WatchmanException e = assertThrows(WatchmanException.class,
                    () -> Backend.forCommand(config, new PrintStream(err, true, StandardCharsets.UTF_8), WAIT));
            assertEquals(ExitCode.LOCKED, e.exitCode(), e.getMessage());
            assertTrue(e.getMessage().contains("watchman serve (pid " + ProcessHandle.current().pid() + ")")
                    && e.getMessage().contains("ready on bolt://127.0.0.1:" + port), e.getMessage());
            assertTrue(!err.toString(StandardCharsets.UTF_8).contains("waiting"), err.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aStartingServeWhoseProcessIsGoneIsNotWaitedFor() throws Exception {
        Config config = config(freePort());
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        try (StoreLock held = StoreLock.tryAcquire(config.dataDir(), "serve")) {
            // The lock is held (by this JVM) but names a process that has exited: nothing will finish starting.
            Files.writeString(config.dataDir().resolve(StoreLock.FILE), "serve " + gone.pid() + " starting\n");
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            WatchmanException e = assertThrows(WatchmanException.class,
                    () -> Backend.forCommand(config, new PrintStream(err, true, StandardCharsets.UTF_8), WAIT));
            assertTrue(!err.toString(StandardCharsets.UTF_8).contains("waiting"), err.toString(StandardCharsets.UTF_8));
            assertEquals(ExitCode.LOCKED, e.exitCode(), e.getMessage());
            assertTrue(e.getMessage().contains("pid " + gone.pid()) && e.getMessage().contains("not running"), e.getMessage());
        }
    }

    /** A serve config on free ports; {@code taken} is put on the key named by {@code which}. */
    Config serveConfig(String which, int taken) throws IOException {
        int bolt = which.equals("bolt_port") ? taken : freePort();
        int http = which.equals("http_port") ? taken : freePort();
        int api = which.equals("port") ? taken : freePort();
        Path file = Files.writeString(dir.resolve("serve.toml"), """
                data_dir = "%s"
                [neo4j]
                bolt_port = %d
                http_port = %d
                page_cache = "16m"
                [api]
                port = %d
                """.formatted(dir.resolve("data"), bolt, http, api));
        return new ConfigLoader(Map.of()).load(file);
    }

    void assertServeRefusesTakenPort(String which, String key) throws IOException {
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Config config = serveConfig(which, held.getLocalPort());
            WatchmanException e = assertThrows(WatchmanException.class, () -> Backend.forServe(config).close());
            assertEquals(ExitCode.IO, e.exitCode(), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            assertTrue(e.getMessage().contains("127.0.0.1:" + held.getLocalPort() + " ")
                    && e.getMessage().contains("already in use") && e.getMessage().contains("set " + key + " "), e.getMessage());
            // Nothing kept: the store lock is free again.
            try (StoreLock again = StoreLock.tryAcquire(config.dataDir(), "serve")) {
                assertTrue(again != null);
            }
        }
    }

    @Test
    void serveNamesATakenBoltPortAndItsKey() throws IOException {
        assertServeRefusesTakenPort("bolt_port", "[neo4j] bolt_port");
    }

    @Test
    void serveNamesATakenBrowserPortAndItsKey() throws IOException {
        assertServeRefusesTakenPort("http_port", "[neo4j] http_port");
    }

    @Test
    void serveNamesATakenApiPortAndItsKeyBeforeStartingNeo4j() throws IOException {
        assertServeRefusesTakenPort("port", "[api] port");
        // data/neo4j is made (0700) before the checks; Neo4j never wrote a file into it.
        Path store = dir.resolve("data/neo4j");
        try (java.util.stream.Stream<Path> files = Files.exists(store) ? Files.list(store) : java.util.stream.Stream.empty()) {
            assertTrue(files.findAny().isEmpty(), "Neo4j never started");
        }
    }

    @Test
    void aPortTakenAfterTheCheckIsStillNamedWithItsKey() throws IOException {
        for (String[] which : new String[][] {{"bolt_port", "[neo4j] bolt_port"}, {"http_port", "[neo4j] http_port"}}) {
            try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                Config config = serveConfig(which[0], held.getLocalPort());
                // Straight to Neo4j, as when another process takes the port after Ports checked it.
                WatchmanException e = assertThrows(WatchmanException.class, () -> Backend.startEmbedded(config, EmbeddedCredential.load(config.dataDir())).close());
                assertEquals(ExitCode.IO, e.exitCode(), e.getMessage());
                assertTrue(e.getMessage().contains("127.0.0.1:" + held.getLocalPort() + " ")
                        && e.getMessage().contains("set " + which[1] + " "), e.getMessage());
            }
        }
    }

    @Test
    void theOwnerRecordKeepsItsFirstThreeFieldsAndAddsThePorts() {
        StoreLock.Owner old = StoreLock.Owner.parse("serve 42 ready\n");
        assertEquals(new StoreLock.Owner("serve", 42, "ready", null, null), old);
        assertEquals(new StoreLock.Owner("serve", 42, "ready", 7688, 7475),
                StoreLock.Owner.parse("serve 42 ready bolt=7688 http=7475\n"));
        assertEquals(new StoreLock.Owner("command", 7, "ready", 40001, null),
                StoreLock.Owner.parse("command 7 ready bolt=40001 future=x\n"));
    }
}
