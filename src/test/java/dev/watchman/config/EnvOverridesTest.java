package dev.watchman.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvOverridesTest {
    private static final Path HOME = Path.of("/home/u");

    @Test
    void dataDirComesFromWatchmanDataDirThenXdgThenHome() {
        EnvOverrides both = new EnvOverrides(Map.of("WATCHMAN_DATA_DIR", "/d", "XDG_DATA_HOME", "/x"), HOME);
        assertEquals(Path.of("/d"), both.dataDir());
        assertEquals(Map.of("data_dir", "WATCHMAN_DATA_DIR"), both.used());
        EnvOverrides xdg = new EnvOverrides(Map.of("WATCHMAN_DATA_DIR", " ", "XDG_DATA_HOME", "/x"), HOME);
        assertEquals(Path.of("/x/watchman"), xdg.dataDir());
        assertEquals(Map.of("data_dir", "XDG_DATA_HOME"), xdg.used());
        EnvOverrides none = new EnvOverrides(Map.of(), HOME);
        assertEquals(HOME.resolve(".local/share/watchman"), none.dataDir());
        assertEquals(Map.of(), none.used(), "the default is no variable");
        WatchmanException e = none.badDataDir(Path.of("/c/w.toml"), "/home/u/.local/share/watchman cannot be created");
        assertTrue(e.getMessage().startsWith("default data_dir: ") && e.getMessage().contains("WATCHMAN_DATA_DIR"),
                e.getMessage());
    }

    @Test
    void neo4jValuesOverrideTheFileOnlyWhenSet() {
        EnvOverrides unset = new EnvOverrides(Map.of("NEO4J_URI", "", "NEO4J_USERNAME", " "), HOME);
        assertEquals("bolt://f:7687", unset.uri("bolt://f:7687"));
        assertEquals("file-user", unset.username("file-user"));
        assertNull(unset.password(null));
        assertEquals(Map.of(), unset.used());
        EnvOverrides set = new EnvOverrides(Map.of("NEO4J_URI", "neo4j+s://db.example", "NEO4J_USERNAME", "u",
                "NEO4J_PASSWORD", ""), HOME);
        assertEquals("neo4j+s://db.example", set.uri("bolt://f:7687"));
        assertEquals("u", set.username("file-user"));
        assertEquals("", set.password("file-secret"), "an empty password is set on purpose");
        assertEquals(Map.of("neo4j.uri", "NEO4J_URI", "neo4j.username", "NEO4J_USERNAME",
                "neo4j.password", "NEO4J_PASSWORD"), set.used());
    }

    @Test
    void theNeo4jTableKeepsWhatTheEnvironmentDoesNotSet() {
        Config.Neo4j file = new Config.Neo4j("bolt://f:7687", "file-user", "file-secret", 17687, 17474, "512m", "2g", "db");
        EnvOverrides env = new EnvOverrides(Map.of("NEO4J_URI", "bolt://e:7687", "NEO4J_PASSWORD", "p"), HOME);
        assertEquals(new Config.Neo4j("bolt://e:7687", "file-user", "p", 17687, 17474, "512m", "2g", "db"),
                env.neo4j(file));
        assertEquals(file, new EnvOverrides(Map.of(), HOME).neo4j(file));
    }

    @Test
    void aPathNoFileSystemTakesNamesTheVariable() {
        for (String variable : new String[] {"WATCHMAN_DATA_DIR", "WATCHMAN_CONFIG", "XDG_CONFIG_HOME"}) {
            EnvOverrides o = new EnvOverrides(Map.of(variable, "/a\0b"), HOME);
            WatchmanException e = assertThrows(WatchmanException.class, () -> {
                o.dataDir();
                o.configFile();
                o.defaultConfigFile();
            });
            assertEquals(ExitCode.USAGE, e.exitCode());
            assertTrue(e.getMessage().startsWith(variable + "="), e.getMessage());
            assertTrue(e.getMessage().contains("not a usable path"), e.getMessage());
        }
    }
}
