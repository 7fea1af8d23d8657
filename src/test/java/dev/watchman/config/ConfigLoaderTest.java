package dev.watchman.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Config parse(String toml) {
        return new ConfigLoader(Map.of("WATCHMAN_DATA_DIR", dir.resolve("data").toString())).parse(dir.resolve("w.toml"), toml);
    }

    private WatchmanException bad(String toml) {
        WatchmanException e = assertThrows(WatchmanException.class, () -> parse(toml));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains(dir.resolve("w.toml").toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e;
    }

    @Test
    void defaultsWhenEmpty() {
        Config c = parse("");
        assertEquals(dir.resolve("data"), c.dataDir());
        assertNull(c.neo4j().uri());
        assertFalse(c.neo4j().external());
        assertEquals(7687, c.neo4j().boltPort());
        assertEquals(7474, c.neo4j().httpPort());
        assertEquals("127.0.0.1", c.api().bind());
        assertEquals(7480, c.api().port());
        assertEquals("realtime", c.watch().mode().label());
        assertEquals(5, c.watch().intervalSeconds());
        assertTrue(c.watch().exclude().contains("*.swp"));
        assertFalse(Files.exists(dir.resolve("data")), "loading writes nothing");
    }

    @Test
    void everyDocumentedKeyParses() {
        Config c = parse("""
                data_dir = "%s"
                [neo4j]
                uri = "neo4j://db.example:7687"
                username = "watch"
                password = "s3cret"
                bolt_port = 17687
                http_port = 17474
                page_cache = "1g"
                heap = "2g"
                database = "neo4j"
                [api]
                bind = "0.0.0.0"
                port = 9000
                enabled = false
                [host]
                id = "web-01"
                name = "web 01"
                [snapshot]
                exclude = ["*.bak", "var/cache/**"]
                [watch]
                paths = ["/etc"]
                mode = "poll"
                interval_seconds = 30
                debounce_ms = 250
                exclude = ["*.swp"]
                [packs]
                dir = "/etc/watchman/packs"
                [audit]
                max_file_bytes = 1000
                [[audit.rule]]
                id = "internal-token"
                pattern = "itk_[a-z0-9]{20}"
                description = "internal token"
                [[audit.allow]]
                path = "/etc/ssl/**"
                rule = "private-key"
                """.formatted(dir.resolve("d")));
        assertEquals("neo4j://db.example:7687", c.neo4j().uri());
        assertTrue(c.neo4j().external());
        assertEquals("s3cret", c.neo4j().password());
        assertFalse(c.neo4j().toString().contains("s3cret"), "password never printed");
        assertEquals(17687, c.neo4j().boltPort());
        assertEquals("2g", c.neo4j().heap());
        assertEquals("web-01", c.host().id());
        assertEquals(List.of("*.bak", "var/cache/**"), c.snapshot().exclude());
        assertEquals("poll", c.watch().mode().label());
        assertEquals(1, c.audit().rules().size());
        assertEquals("private-key", c.audit().allow().get(0).rule());
        assertFalse(c.api().enabled());
    }

    @Test
    void environmentOverridesNeo4jSection() {
        Map<String, String> env = new HashMap<>();
        env.put("WATCHMAN_DATA_DIR", dir.toString());
        env.put("NEO4J_URI", "bolt://other:7687");
        env.put("NEO4J_USERNAME", "u2");
        env.put("NEO4J_PASSWORD", "p2");
        Config c = new ConfigLoader(env).parse(dir.resolve("w.toml"), "[neo4j]\nuri = \"bolt://file:7687\"\nusername = \"u1\"\n");
        assertEquals("bolt://other:7687", c.neo4j().uri());
        assertEquals("u2", c.neo4j().username());
        assertEquals("p2", c.neo4j().password());
    }

    @Test
    void syntaxErrorNamesTheLine() {
        WatchmanException e = bad("[neo4j]\nuri = \"bolt://x:1\"\nbolt_port = = 3\n");
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("syntax"), e.getMessage());
    }

    @Test
    void unknownKeyNamesLineKeyAndKnownKeys() {
        WatchmanException e = bad("[neo4j]\nuri = \"bolt://x:1\"\nbolt_prot = 3\n");
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("'neo4j.bolt_prot'"), e.getMessage());
        assertTrue(e.getMessage().contains("bolt_port"), e.getMessage());
        bad("colour = \"blue\"\n");
        bad("[nope]\nx = 1\n");
    }

    @Test
    void wrongTypesAndValues() {
        assertTrue(bad("[neo4j]\nbolt_port = \"7687\"\n").getMessage().contains("must be an integer"));
        assertTrue(bad("[api]\nport = 70000\n").getMessage().contains("out of range"));
        assertTrue(bad("[neo4j]\nheap = \"lots\"\n").getMessage().contains("neo4j.heap"));
        assertTrue(bad("[watch]\nmode = \"sometimes\"\n").getMessage().contains("realtime"));
        assertTrue(bad("[neo4j]\nuri = \"http://x\"\n").getMessage().contains("Bolt URI"));
        assertTrue(bad("[snapshot]\nexclude = \"*.bak\"\n").getMessage().contains("array"));
        assertTrue(bad("[host]\nid = \"has space\"\n").getMessage().contains("host.id"));
        assertTrue(bad("[[audit.rule]]\nid = \"x\"\n").getMessage().contains("audit.rule.pattern"));
    }

    @Test
    void aBadSecretRuleRegexIsRejectedAtLoadNamingTheLineAndKey() {
        // The second rule's pattern (line 7) is bad: the line must be that one, not the first rule's.
        String toml = """
                [[audit.rule]]
                id = "good"
                pattern = "token-[a-z]+"

                [[audit.rule]]
                id = "broken"
                pattern = "(unclosed"
                """;
        WatchmanException e = bad(toml);
        assertTrue(e.getMessage().contains("line 7"), e.getMessage());
        assertTrue(e.getMessage().contains("audit.rule.pattern"), e.getMessage());
        assertTrue(e.getMessage().contains("broken"), "names the rule: " + e.getMessage());
        WatchmanException empty = bad("[[audit.rule]]\nid = \"e\"\npattern = \"x*\"\n");
        assertTrue(empty.getMessage().contains("line 3") && empty.getMessage().contains("empty"), empty.getMessage());
        WatchmanException twice = bad("[[audit.rule]]\nid = \"d\"\npattern = \"a\"\n[[audit.rule]]\nid = \"d\"\npattern = \"b\"\n");
        assertTrue(twice.getMessage().contains("line 5") && twice.getMessage().contains("audit.rule.id"), twice.getMessage());
        assertEquals(1, parse("[[audit.rule]]\nid = \"ok\"\npattern = \"(?i)secret=(\\\\w+)\"\n").audit().rules().size());
    }

    @Test
    void auditDefaultsAndSwitches() {
        Config.Audit d = parse("").audit();
        assertTrue(d.defaultAllowList(), "the default allow-list is on unless switched off");
        assertEquals(10L << 20, d.maxFileBytes());
        assertEquals(Config.Audit.DEFAULT_MAX_FILE_BYTES, d.maxFileBytes());

        Config.Audit a = parse("""
                [audit]
                default_allowlist = false
                [[audit.rule]]
                id = "internal-token"
                pattern = "itk_[a-z0-9]{20}"
                severity = "critical"
                [[audit.rule]]
                id = "other"
                pattern = "oth_[a-z0-9]{20}"
                """).audit();
        assertFalse(a.defaultAllowList());
        assertEquals("critical", a.rules().get(0).severity());
        assertNull(a.rules().get(1).severity(), "no severity: the scanner's default (high)");

        WatchmanException type = bad("[audit]\ndefault_allowlist = \"no\"\n");
        assertTrue(type.getMessage().contains("line 2"), type.getMessage());
        assertTrue(type.getMessage().contains("'audit.default_allowlist' must be true or false"), type.getMessage());
        WatchmanException sev = bad("[[audit.rule]]\nid = \"x\"\npattern = \"x+\"\nseverity = \"urgent\"\n");
        assertTrue(sev.getMessage().contains("line 4"), sev.getMessage());
        assertTrue(sev.getMessage().contains("'audit.rule.severity' 'urgent' is not a severity"), sev.getMessage());
    }

    @Test
    void oldAuditKeyNamesAreRefused() {
        // Names an earlier draft of docs/packs.md used; the config has never accepted them.
        assertTrue(bad("[[audit.rule]]\nid = \"x\"\nregex = \"x+\"\n").getMessage().contains("'audit.rule.regex'"));
        assertTrue(bad("[[audit.allow]]\npathGlob = \"/x\"\nrule = \"jwt\"\n").getMessage().contains("pathGlob"));
        assertTrue(bad("[[audit.allow]]\npath = \"/x\"\nruleId = \"jwt\"\n").getMessage().contains("ruleId"));
    }

    @Test
    void unusableDataDir() throws IOException {
        Path file = Files.createFile(dir.resolve("not-a-dir"));
        assertTrue(bad("data_dir = \"" + file + "\"\n").getMessage().contains("not a directory"));
        if (!"root".equals(System.getProperty("user.name"))) {
            Path ro = Files.createDirectory(dir.resolve("ro"), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("r-xr-xr-x")));
            assertTrue(bad("data_dir = \"" + ro.resolve("sub") + "\"\n").getMessage().contains("data_dir"));
        }
    }

    @Test
    void explicitFileMustExistAndDefaultNeedNot() {
        ConfigLoader l = new ConfigLoader(Map.of("XDG_CONFIG_HOME", dir.toString(), "WATCHMAN_DATA_DIR", dir.toString()));
        WatchmanException e = assertThrows(WatchmanException.class, () -> l.load(dir.resolve("missing.toml")));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertEquals(dir.resolve("watchman/watchman.toml"), l.defaultLocation());
        assertEquals(dir, l.load(null).dataDir());
    }

    @Test
    void watchmanConfigVariableChoosesTheFile() throws IOException {
        Path f = Files.writeString(dir.resolve("env.toml"), "[api]\nport = 9999\n");
        ConfigLoader l = new ConfigLoader(Map.of("WATCHMAN_CONFIG", f.toString(), "WATCHMAN_DATA_DIR", dir.toString()));
        assertEquals(9999, l.load(null).api().port());
    }
}
