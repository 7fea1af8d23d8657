package dev.watchman.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.watchman.WatchmanException;
import dev.watchman.config.Config;
import dev.watchman.config.ConfigLoader;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.exceptions.AuthenticationException;

/**
 * The embedded DBMS as serve runs it (Bolt + HTTP on loopback), attacked as a local user would:
 * without the password nothing answers, the password file is the owner's alone, and even the
 * owner's Cypher cannot read the server's files or reach the network through {@code LOAD CSV}.
 */
class EmbeddedAuthIT {
    @TempDir
    static Path dir;
    static Config config;
    static Backend backend;
    static int http;

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @BeforeAll
    static void serve() throws IOException {
        http = freePort();
        Path toml = Files.writeString(dir.resolve("w.toml"), """
                data_dir = "%s"
                [neo4j]
                bolt_port = %d
                http_port = %d
                """.formatted(dir.resolve("data"), freePort(), http));
        config = new ConfigLoader(Map.of()).load(toml);
        backend = Backend.forServe(config);
        backend.graph().write(new Query("test", "MERGE (h:Host {id: 'h1'}) SET h.name = 'real'"), Map.of());
    }

    @AfterAll
    static void stop() {
        if (backend != null) {
            backend.close();
        }
    }

    private static Path passwordFile() {
        return config.dataDir().resolve(EmbeddedCredential.FILE);
    }

    @Test
    void thePasswordIsGeneratedOnceAndKeptOwnerOnly() throws IOException {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile())));
        String password = Files.readString(passwordFile()).strip();
        assertTrue(password.length() >= 40, "32 random bytes, base64url");
        assertEquals(password, EmbeddedCredential.load(config.dataDir()), "a second load reuses it");
        assertEquals(backend.passwordFile(), passwordFile());
        assertTrue(backend.browserUrl(http).startsWith("http://127.0.0.1:" + http
                + "/browser/?preselectAuthMethod=NATIVE&dbms=bolt://neo4j@127.0.0.1:"), backend.browserUrl(http));
    }

    @Test
    void boltWithoutThePasswordIsRefused() {
        for (var token : List.of(AuthTokens.none(), AuthTokens.basic("neo4j", "neo4j"))) {
            try (Driver d = GraphDatabase.driver(backend.uri(), token)) {
                assertThrows(AuthenticationException.class, d::verifyConnectivity);
            }
        }
    }

    @Test
    void loadCsvCannotReadFilesOrTheNetworkEvenWithThePassword() throws IOException {
        Path secret = Files.writeString(dir.resolve("root-only.txt"), "root-only-line\n");
        for (String url : List.of(secret.toUri().toString(), "file:///etc/shadow",
                "http://127.0.0.1:" + http + "/", "http://localhost:" + http + "/browser/")) {
            WatchmanException e = assertThrows(WatchmanException.class, () -> backend.graph().readOnly(
                    "LOAD CSV FROM $url AS line RETURN line", Map.of("url", url), Duration.ofSeconds(30)), url);
            assertTrue(e.getMessage().contains("Cannot load from URL"), e.getMessage());
            assertFalse(e.getMessage().contains("root-only-line"), e.getMessage());
        }
    }

    /** The two attacks, as {@code nobody}, over the HTTP query API that Browser also uses. */
    @Test
    void nobodyCanNeitherReadFilesNorForgeHistory() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to become nobody");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv (util-linux)");
        // Debian's python3: a pyenv shim under /root is not nobody's to run.
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "/usr/bin/python3");
        // Let nobody walk up to data_dir: only data_dir's own mode (0700) may stop them there.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config.dataDir())));
        String script = """
                import base64, sys, urllib.request, urllib.error
                import os
                port, pwfile = sys.argv[1], sys.argv[2]
                try:
                    open(pwfile).read()
                    print("password-file: READ")
                except PermissionError:
                    print("password-file: denied")
                try:
                    os.listdir(os.path.join(os.path.dirname(pwfile), "neo4j"))
                    print("store: LISTED")
                except PermissionError:
                    print("store: denied")
                def post(statement, auth):
                    req = urllib.request.Request("http://127.0.0.1:%s/db/neo4j/query/v2" % port,
                        data=('{"statement": "%s"}' % statement).encode(), method="POST",
                        headers={"Content-Type": "application/json", "Accept": "application/json"})
                    if auth:
                        req.add_header("Authorization", "Basic " + base64.b64encode(auth.encode()).decode())
                    try:
                        with urllib.request.urlopen(req, timeout=20) as r:
                            return str(r.status) + " " + r.read().decode()
                    except urllib.error.HTTPError as e:
                        return str(e.code)
                for auth in (None, "neo4j:neo4j", "neo4j:", "neo4j:guess1", "neo4j:guess2"):
                    print("shadow", auth, post("LOAD CSV FROM 'file:///etc/shadow' AS l RETURN l", auth))
                    print("forge", auth, post("MATCH (n:Host) SET n.name = 'pwned'", auth))
                """;
        Path py = Files.writeString(dir.resolve("attack.py"), script);
        Files.setPosixFilePermissions(py, PosixFilePermissions.fromString("rw-r--r--"));
        Process p = new ProcessBuilder("/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                "/usr/bin/python3", py.toString(), String.valueOf(http), passwordFile().toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "attack script finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        List<String> lines = out.lines().toList();
        assertEquals("password-file: denied", lines.get(0), out);
        assertEquals("store: denied", lines.get(1), out);
        // Five tries each, more than Neo4j's default lock-out allows: all answered 401, never 429.
        assertEquals(12, lines.size(), out);
        try (Stream<String> answers = lines.stream().skip(2)) {
            answers.forEach(l -> assertTrue(l.endsWith(" 401"), "refused without the password: " + out));
        }
        assertEquals(List.of(Map.of("name", "real")), backend.graph().readOnly(
                "MATCH (h:Host {id: 'h1'}) RETURN h.name AS name", Map.of(), Duration.ofSeconds(10)));
    }

    /** A store from before auth was on (neo4j/neo4j), and a password file removed to rotate it. */
    @Test
    void anOldStoreGetsThePasswordAndARemovedFileRotatesIt(@TempDir Path data) throws IOException {
        Path store = data.resolve("neo4j");
        new org.neo4j.dbms.api.DatabaseManagementServiceBuilder(store)
                .setConfig(org.neo4j.configuration.GraphDatabaseSettings.auth_enabled, false).build().shutdown();
        String first = EmbeddedCredential.load(data);
        int port = freePort();
        try (EmbeddedNeo4j db = EmbeddedNeo4j.start(store, port, null, "64m", first)) {
            assertLogin(db.boltUri(), first, true);
            assertLogin(db.boltUri(), "neo4j", false);
        }
        assertTrue(Files.exists(store.resolve(EmbeddedNeo4j.PROVISIONED)));

        Files.delete(data.resolve(EmbeddedCredential.FILE));
        String second = EmbeddedCredential.load(data);
        assertFalse(second.equals(first));
        try (EmbeddedNeo4j db = EmbeddedNeo4j.start(store, port, null, "64m", second)) {
            assertLogin(db.boltUri(), second, true);
            assertLogin(db.boltUri(), first, false);
        }
    }

    private static void assertLogin(String uri, String password, boolean works) {
        try (Driver d = GraphDatabase.driver(uri, AuthTokens.basic("neo4j", password))) {
            if (works) {
                d.verifyConnectivity();
            } else {
                assertThrows(AuthenticationException.class, d::verifyConnectivity);
            }
        }
    }
}
