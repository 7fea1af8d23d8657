package dev.watchman.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import dev.watchman.config.Config;
import dev.watchman.config.ConfigLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings the config loader accepts but opening the graph refuses still name where they came from. */
class BackendTest {
    @TempDir
    Path dir;

    private Config config(Map<String, String> env, String toml) {
        return new ConfigLoader(env).parse(dir.resolve("w.toml"), toml);
    }

    private WatchmanException refused(Config c) {
        return assertThrows(WatchmanException.class, () -> Backend.forCommand(c, new PrintStream(PrintStream.nullOutputStream())));
    }

    @Test
    void aUriTheDriverRefusesNamesNeo4jUriOrTheKey() {
        // Passes the loader's shape check; the driver refuses query parameters on bolt://.
        String uri = "bolt://127.0.0.1:7687?policy=x";
        WatchmanException env = refused(config(Map.of("WATCHMAN_DATA_DIR", dir.toString(), "NEO4J_URI", uri), ""));
        assertEquals(ExitCode.USAGE, env.exitCode());
        assertTrue(env.getMessage().startsWith("NEO4J_URI=" + uri + ": not a valid Neo4j URI ("), env.getMessage());
        assertTrue(env.getMessage().endsWith("; fix or unset NEO4J_URI"), env.getMessage());
        WatchmanException file = refused(config(Map.of("WATCHMAN_DATA_DIR", dir.toString()),
                "[neo4j]\nuri = \"" + uri + "\"\n"));
        assertEquals(ExitCode.USAGE, file.exitCode());
        assertTrue(file.getMessage().startsWith("config " + dir.resolve("w.toml") + ": key 'neo4j.uri'"), file.getMessage());
        assertFalse(file.getMessage().contains("NEO4J_URI"), file.getMessage());
    }

    @Test
    void aDataDirFromTheEnvironmentThatCannotHoldTheLockNamesTheVariable() throws IOException {
        Path data = Files.createDirectory(dir.resolve("data"));
        // The loader sees a writable directory; the lock file cannot be opened as a file.
        Files.createDirectory(data.resolve(StoreLock.FILE));
        int bolt;
        try (ServerSocket s = new ServerSocket(0)) {
            bolt = s.getLocalPort();
        }
        String toml = "[neo4j]\nbolt_port = " + bolt + "\n";
        WatchmanException env = refused(config(Map.of("WATCHMAN_DATA_DIR", data.toString()), toml));
        assertEquals(ExitCode.IO, env.exitCode());
        assertTrue(env.getMessage().startsWith("data_dir " + data + " (from WATCHMAN_DATA_DIR) is not usable"), env.getMessage());
        assertTrue(env.getMessage().endsWith("point WATCHMAN_DATA_DIR elsewhere"), env.getMessage());
        WatchmanException file = refused(config(Map.of(), "data_dir = \"" + data + "\"\n" + toml));
        assertEquals(ExitCode.IO, file.exitCode());
        assertTrue(file.getMessage().startsWith("data_dir " + data + " is not usable"), file.getMessage());
        assertFalse(file.getMessage().contains("WATCHMAN_DATA_DIR"), file.getMessage());
    }
}
