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

    /** What a bad value from the environment says: one line, naming the variable and not the file. */
    private String badEnv(Map<String, String> env, String variable) {
        Map<String, String> all = new HashMap<>(Map.of("WATCHMAN_DATA_DIR", dir.toString()));
        all.putAll(env);
        WatchmanException e = assertThrows(WatchmanException.class,
                () -> new ConfigLoader(all).parse(dir.resolve("w.toml"), "[api]\nport = 7481\n"));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith(variable + "="), e.getMessage());
        assertFalse(e.getMessage().contains("w.toml"), "blames no file: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void badEnvironmentValuesNameTheVariable() throws IOException {
        assertEquals("NEO4J_URI=garbage: not a Neo4j URI; use bolt://, neo4j://, bolt+s:// or neo4j+s:// (or +ssc)"
                + " and a host, e.g. bolt://localhost:7687", badEnv(Map.of("NEO4J_URI", "garbage"), "NEO4J_URI"));
        assertTrue(badEnv(Map.of("NEO4J_URI", "bolt://db:notaport"), "NEO4J_URI").contains("not a Neo4j URI"));
        assertTrue(badEnv(Map.of("NEO4J_URI", "bolt://db:99999"), "NEO4J_URI").contains("port 99999"));
        String creds = badEnv(Map.of("NEO4J_URI", "bolt://neo4j:hunter2@db:7687"), "NEO4J_URI");
        assertTrue(creds.startsWith("NEO4J_URI=bolt://***@db:7687: ") && creds.contains("NEO4J_PASSWORD"), creds);
        assertFalse(creds.contains("hunter2"), "a password in the URI is never printed");

        Path file = Files.writeString(dir.resolve("hostname"), "x\n");
        String dataDir = badEnv(Map.of("WATCHMAN_DATA_DIR", file.toString()), "WATCHMAN_DATA_DIR");
        assertTrue(dataDir.equals("WATCHMAN_DATA_DIR=" + file + ": " + file + " exists and is not a directory; "
                + "point WATCHMAN_DATA_DIR at another directory or unset it"), dataDir);
        Map<String, String> xdg = new HashMap<>(Map.of("XDG_DATA_HOME", file.toString()));
        xdg.put("WATCHMAN_DATA_DIR", "");
        assertTrue(badEnv(xdg, "XDG_DATA_HOME").contains(file.resolve("watchman") + " cannot be created"));
    }

    @Test
    void aBadFileValueStillNamesTheFileWhenTheEnvironmentIsSetToo() {
        Map<String, String> env = Map.of("WATCHMAN_DATA_DIR", dir.toString(), "NEO4J_URI", "bolt://db:7687");
        WatchmanException e = assertThrows(WatchmanException.class,
                () -> new ConfigLoader(env).parse(dir.resolve("w.toml"), "[neo4j]\nuri = \"garbage\"\n"));
        assertTrue(e.getMessage().startsWith("config " + dir.resolve("w.toml") + " line 2: key 'neo4j.uri'"),
                e.getMessage());
    }

    @Test
    void theConfigRemembersWhichSettingsCameFromTheEnvironment() {
        Map<String, String> env = Map.of("WATCHMAN_DATA_DIR", dir.toString(), "NEO4J_URI", "bolt://db:7687",
                "NEO4J_PASSWORD", "p");
        Config fromEnv = new ConfigLoader(env).parse(dir.resolve("w.toml"), "");
        assertEquals(java.util.Optional.of("NEO4J_URI"), fromEnv.variable("neo4j.uri"));
        assertEquals(java.util.Optional.of("NEO4J_PASSWORD"), fromEnv.variable("neo4j.password"));
        assertEquals(java.util.Optional.of("WATCHMAN_DATA_DIR"), fromEnv.variable("data_dir"));
        assertTrue(fromEnv.variable("neo4j.username").isEmpty());
        Config fromFile = new ConfigLoader(Map.of("WATCHMAN_DATA_DIR", dir.resolve("unused").toString()))
                .parse(dir.resolve("w.toml"), "data_dir = \"" + dir + "\"\n[neo4j]\nuri = \"bolt://db:7687\"\n");
        assertEquals(dir, fromFile.dataDir());
        assertTrue(fromFile.variable("data_dir").isEmpty() && fromFile.variable("neo4j.uri").isEmpty());
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
        assertTrue(bad("[neo4j]\nuri = \"http://x\"\n").getMessage().contains("'http://x' is not a Neo4j URI"));
        assertTrue(bad("[neo4j]\nuri = \"bolt://host:notaport\"\n").getMessage().contains("not a Neo4j URI"));
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
    void anErrorInALaterArrayTableNamesThatTablesLineNotTheFirsts() {
        String first = "[[audit.rule]]\nid = \"a\"\npattern = \"a+\"\nseverity = \"low\"\n";
        WatchmanException unknown = bad(first + "[[audit.rule]]\nid = \"b\"\npatern = \"b+\"\n");
        assertTrue(unknown.getMessage().contains(" line 7: key 'audit.rule.patern' unknown key in [audit.rule]"),
                unknown.getMessage());
        WatchmanException type = bad(first + "[[audit.rule]]\nid = \"b\"\npattern = \"b+\"\nseverity = 3\n");
        assertTrue(type.getMessage().contains(" line 8: key 'audit.rule.severity' must be a string"), type.getMessage());
        // Not written in the second rule: no line at all rather than the first rule's (line 3).
        WatchmanException missing = bad(first + "[[audit.rule]]\nid = \"b\"\n");
        assertEquals("config " + dir.resolve("w.toml") + ": key 'audit.rule.pattern' is required", missing.getMessage());
        WatchmanException allow = bad("[[audit.allow]]\npath = \"/a\"\nrule = \"x\"\n[[audit.allow]]\nrule = \"y\"\n");
        assertEquals("config " + dir.resolve("w.toml") + ": key 'audit.allow.path' is required", allow.getMessage());
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

    @Test
    void aWatchmanConfigThatIsNoFileNamesTheVariable() {
        for (Path f : new Path[] {dir.resolve("missing.toml"), dir}) {
            ConfigLoader l = new ConfigLoader(Map.of("WATCHMAN_CONFIG", f.toString(), "WATCHMAN_DATA_DIR", dir.toString(),
                    "XDG_CONFIG_HOME", dir.resolve("xdg").toString()));
            WatchmanException e = assertThrows(WatchmanException.class, () -> l.load(null));
            assertEquals(ExitCode.USAGE, e.exitCode());
            assertTrue(e.getMessage().startsWith("WATCHMAN_CONFIG=" + f + ": "), e.getMessage());
            assertTrue(e.getMessage().contains(f == dir ? "point WATCHMAN_CONFIG at a TOML file" : "unset WATCHMAN_CONFIG"),
                    e.getMessage());
            // --config wins over the variable and is what the message names.
            WatchmanException explicit = assertThrows(WatchmanException.class, () -> l.load(dir.resolve("other.toml")));
            assertTrue(explicit.getMessage().startsWith("config " + dir.resolve("other.toml") + ": does not exist; create it,"
                    + " or drop --config"), explicit.getMessage());
        }
    }

    @Test
    void scheduleSlackAndPublicUrlHaveDefaultsAndOneLineErrors() {
        Config c = parse("");
        assertEquals("0 6 * * *", c.schedule().driftCheck());
        assertEquals(java.time.ZoneId.systemDefault(), c.schedule().timezone());
        assertEquals(java.time.Duration.ofMinutes(10), c.schedule().offlineAfter());
        assertFalse(c.slack().configured());
        assertEquals("http://127.0.0.1:7480", c.api().linkBase());
        assertEquals(java.nio.file.Path.of("/"), c.packs().root());

        Config set = parse("[schedule]\ndrift_check = \"30 5 * * 1-5\"\ntimezone = \"Europe/London\"\n"
                + "offline_after = \"1h30m\"\ncheck_timeout = \"90s\"\n[api]\npublic_url = \"https://w.example.org/\"\n"
                + "[slack]\nwebhook_url = \"https://hooks.slack.com/services/T0/B0/SECRET42\"\n");
        assertEquals(java.time.ZoneId.of("Europe/London"), set.schedule().timezone());
        assertEquals(java.time.Duration.ofMinutes(90), set.schedule().offlineAfter());
        assertEquals(java.time.Duration.ofSeconds(90), set.schedule().checkTimeout());
        assertEquals("https://w.example.org", set.api().linkBase());
        assertTrue(set.slack().configured());
        assertFalse(set.slack().toString().contains("SECRET42"), "the webhook is a secret");
        assertFalse(set.toString().contains("SECRET42"));

        assertTrue(bad("[schedule]\ndrift_check = \"6am\"\n").getMessage().contains("is not a cron expression"));
        assertTrue(bad("[schedule]\ndrift_check = \"0 0 30 2 *\"\n").getMessage().contains("matches no date"));
        assertTrue(bad("[schedule]\ntimezone = \"Mars/Olympus\"\n").getMessage().contains("is not a time zone"));
        assertTrue(bad("[schedule]\noffline_after = \"soon\"\n").getMessage().contains("is not a duration"));
        assertTrue(bad("[api]\npublic_url = \"ftp://x\"\n").getMessage().contains("is not an http(s) base URL"));
        WatchmanException slack = bad("[slack]\nwebhook_url = \"hooks.slack.com/SECRET42\"\n");
        assertFalse(slack.getMessage().contains("SECRET42"), slack.getMessage());
        assertEquals(1, slack.getMessage().lines().count());
    }
}
