package dev.watchman.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import dev.watchman.config.Config;
import dev.watchman.config.ConfigLoader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.SessionConfig;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/** External mode with authentication, bolt:// and neo4j:// alike, against a server that enforces it. */
class AuthIT {
    @TempDir
    Path dir;

    @Test
    void credentialsAreUsedAndABadPasswordIsExitCodeThreeWithoutTheSecret() {
        try (Neo4j server = Neo4jBuilders.newInProcessBuilder().withDisabledServer()
                .withConfig(GraphDatabaseSettings.auth_enabled, true).build()) {
            String bolt = server.boltURI().toString();
            // A fresh server's neo4j/neo4j must change its password before anything else.
            try (Driver d = GraphDatabase.driver(bolt, AuthTokens.basic("neo4j", "neo4j"))) {
                d.session(SessionConfig.forDatabase("system"))
                        .run("ALTER CURRENT USER SET PASSWORD FROM 'neo4j' TO 'watchman-secret-1'").consume();
            }
            for (String uri : new String[] {bolt, bolt.replaceFirst("^bolt", "neo4j")}) {
                try (Graph g = Graph.connect(uri, "neo4j", "watchman-secret-1", null, Duration.ofSeconds(10))) {
                    g.applySchema();
                    assertEquals(1L, g.readOnly("RETURN 1 AS one", Map.of(), Duration.ofSeconds(5)).get(0).get("one"));
                }
            }
            WatchmanException e = assertThrows(WatchmanException.class,
                    () -> Graph.connect(bolt, "neo4j", "wrong-password-xyz", null, Duration.ofSeconds(10)));
            assertEquals(ExitCode.GRAPH, e.exitCode());
            assertTrue(e.getMessage().contains(bolt) && e.getMessage().contains("credentials"), e.getMessage());
            assertFalse(e.getMessage().contains("wrong-password-xyz"), "the password is never printed");

            // Through the config: the message says where the credentials came from.
            Config fromEnv = new ConfigLoader(Map.of("WATCHMAN_DATA_DIR", dir.toString(), "NEO4J_URI", bolt,
                    "NEO4J_PASSWORD", "wrong-password-xyz")).parse(dir.resolve("w.toml"), "");
            WatchmanException viaEnv = assertThrows(WatchmanException.class,
                    () -> Backend.forCommand(fromEnv, new PrintStream(PrintStream.nullOutputStream())));
            assertEquals(ExitCode.GRAPH, viaEnv.exitCode());
            assertTrue(viaEnv.getMessage().endsWith("check [neo4j] username in " + dir.resolve("w.toml")
                    + " and NEO4J_PASSWORD"), viaEnv.getMessage());
            assertFalse(viaEnv.getMessage().contains("wrong-password-xyz"), "the password is never printed");
        }
    }
}
