package dev.watchman.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.watchman.ExitCode;
import dev.watchman.Severity;
import dev.watchman.cli.Cli;
import dev.watchman.graph.Graph;
import dev.watchman.graph.TestGraph;
import dev.watchman.pack.PackTrees;
import dev.watchman.query.QueryService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `watchman audit` end to end against a real Neo4j: secrets never leave the file they are in. */
class AuditIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Values planted in the fixtures whose shape is not "random token" (those are read from the files). */
    private static final Map<String, List<String>> PLANTED = Map.of(
            "password-assignments.conf", List.of("Tr0ub4dor&3xq", "Zq8#mL2!vR", "hN4@pW9$kLq", "s3cr3t-Adm1n-Pw",
                    "Jf7&dQ2*zW", "Kx9vB2mQ7t", "9fG2kLp0Qw8eRt5y", "OldPw-77xq", "Rd1s-P4ss-w0rd-9z"),
            "password-xml.xml", List.of("X9m!Lq2#Wv", "Pq7*Rt2$Yu", "Mn3%Bv8^Cx", "Lk4&amp;Jh6*Gf"),
            "url-credentials.conf", List.of("Gh7-Vq2-Lm9", "Pr0xy-S3cret-77", "Ft9pW0rd-xz"),
            "connection-strings.env", List.of("Sq1-Srv-Pw-42", "Ad0-Net-Pw-9q", "My5ql-Qry-Pw", "M0ngo-Pw-x7Q",
                    "Pg-Pw-55-zzK", "Rt-My-88-wQe", "Rd-Pw-31-kLm", "Lq-Pq-77-vBn"),
            "generic-api-tokens.yaml", List.of("7f3kQ9zLm2Xw8RtY4vBn", "Zx81LmQw93PoKi72Nb46", "q8Wm3Zr7Lx2Nv5Kt9Pb1",
                    "A1b2C3d4E5f6G7h8I9j0KlMn", "Hj7Kl9Qw2Er4Ty6Ui8Op"));

    @TempDir
    Path tmp;
    Path config;
    Graph graph;

    @BeforeEach
    void setUp() throws IOException {
        graph = TestGraph.fresh();
        config = Cli.config(tmp, "audit-host",
                "name = \"audit-box\"\n[packs]\ndir = \"" + tmp.resolve("packs") + "\"\n");
    }

    static Path fixtures() {
        return SecretScannerTest.fixtures();
    }

    @Test
    void everySecretKindIsFoundAndItsValueReachesNeitherGraphNorOutputNorLogs() throws IOException {
        List<String> allSecrets = new ArrayList<>();
        Set<String> fingerprints = new TreeSet<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(fixtures())) {
            files = s.sorted().toList();
        }
        assertTrue(files.size() >= 17, "fixtures: " + files);
        for (Path fixture : files) {
            String name = fixture.getFileName().toString();
            boolean lookalikes = name.equals("lookalikes.conf");
            List<String> secrets = planted(fixture);
            assertTrue(lookalikes || !secrets.isEmpty(), "no planted values known for " + name);
            allSecrets.addAll(secrets);
            Path dir = Files.createDirectories(tmp.resolve("audit").resolve(name + ".d"));
            Files.copy(fixture, dir.resolve(name));
            Files.copy(fixture, Files.createDirectories(tmp.resolve("all")).resolve(name));

            Cli.Result json = Cli.run(config, "audit", dir.toString(), "--env", "test", "--json");
            assertEquals(lookalikes ? ExitCode.OK : ExitCode.FINDINGS, json.code(), name + ": " + json.err());
            assertTrue(json.log().contains("audit audit-"), "the audit's log line was captured: " + json.log());
            assertAbsent(secrets, json.all(), name + " JSON output/log");

            JsonNode report = JSON.readTree(json.out());
            assertEquals(lookalikes ? "compliant" : "non_compliant", report.get("complianceStatus").asText(), name);
            JsonNode findings = report.get("findings");
            assertEquals(lookalikes, findings.isEmpty(), name + ": " + findings);
            assertEquals(findings.size(), report.get("issuesFound").asInt(), name);
            assertEquals(lookalikes, report.get("recommendations").isEmpty(), name);
            // The graph holds exactly the findings the JSON reports, linked to the audit and the file.
            Set<List<Object>> inGraph = TestGraph.tuples("MATCH (a:ConfigAudit {id: $id})-[:FOUND]->(f:Finding)"
                    + "-[:IN_FILE]->(:ConfigFile) RETURN f.line, f.ruleId, f.fingerprint", Map.of("id", report.get("id").asText()));
            Set<List<Object>> reported = new HashSet<>();
            findings.forEach(f -> reported.add(List.of(f.get("line").asLong(), f.get("ruleId").asText(),
                    f.get("fingerprint").asText())));
            assertEquals(reported, inGraph, name);
            fingerprints.addAll(reported.stream().map(t -> (String) t.get(2)).toList());
        }
        // The text output of every kind at once: one audit of a directory holding all the fixtures.
        Cli.Result text = Cli.run(config, "audit", tmp.resolve("all").toString());
        assertEquals(ExitCode.FINDINGS, text.code(), text.err());
        for (String fp : fingerprints) {
            assertTrue(text.out().contains("fingerprint " + fp), fp + " in " + text.out());
        }
        assertAbsent(allSecrets, text.all(), "text output/log");
        assertTrue(allSecrets.size() > 60, "planted values collected: " + allSecrets.size());
        String dump = dumpGraph();
        assertTrue(dump.contains("fingerprint") && dump.contains("ConfigAudit") && dump.contains("Finding"), "dump works");
        assertAbsent(allSecrets, dump, "graph");
        assertTrue(fingerprints.size() >= 40, "findings across the fixtures: " + fingerprints.size());
    }

    @Test
    void allowListedFindingsAreCountedInTextAndJson() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("allowed"));
        Files.copy(fixtures().resolve("password-assignments.conf"), dir.resolve("app.conf"));
        Files.copy(fixtures().resolve("stripe-key.env"), dir.resolve("stripe.env"));
        Files.writeString(config, "[audit]\n[[audit.allow]]\npath = \"" + dir + "/app.conf\"\n"
                + "rule = \"password-assignment\"\n", java.nio.file.StandardOpenOption.APPEND);
        JsonNode json = JSON.readTree(Cli.run(config, "audit", dir.toString(), "--json").out());
        assertEquals(10, json.get("scan").get("allowListed").asInt(), json.get("scan").toString());
        assertEquals(0, json.get("scan").get("skippedAllowed").asInt(), "the file itself was scanned");
        assertEquals(1, json.get("findings").size(), "only the stripe key is reported");
        Cli.Result text = Cli.run(config, "audit", dir.toString());
        assertEquals(ExitCode.FINDINGS, text.code(), text.err());
        assertTrue(text.out().contains("0 allow-listed; 10 finding(s) allow-listed;"), text.out());
    }

    // Here rather than in SecretScannerTest: AuditService must not be initialised (its logger
    // created) before Cli sets the log level that everySecretKind... checks.
    // The same goes for configRuleSeverityReachesTheFinding.
    private static final byte[] SALT_FOR_SWITCH = "switch-salt-0123456789".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    @Test
    void configSwitchesTheDefaultAllowListOff() throws IOException {
        Path key = Files.copy(fixtures().resolve("private-key-openssh"), tmp.resolve("host_key"));
        SecretScanner on = AuditService.scanner(new dev.watchman.config.Config.Audit(List.of(), List.of(),
                dev.watchman.config.Config.Audit.DEFAULT_MAX_FILE_BYTES, true), SALT_FOR_SWITCH);
        SecretScanner off = AuditService.scanner(new dev.watchman.config.Config.Audit(List.of(), List.of(),
                dev.watchman.config.Config.Audit.DEFAULT_MAX_FILE_BYTES, false), SALT_FOR_SWITCH);
        assertEquals(List.of(), on.scanFile(key, "/etc/ssh/ssh_host_ed25519_key").findings());
        FileScan reported = off.scanFile(key, "/etc/ssh/ssh_host_ed25519_key");
        assertEquals(List.of("1:private-key"), reported.findings().stream().map(f -> f.line() + ":" + f.ruleId()).toList());
        assertEquals(0, reported.allowListed());
    }

    @Test
    void configRuleSeverityReachesTheFinding() {
        SecretScanner s = AuditService.scanner(new dev.watchman.config.Config.Audit(List.of(
                new dev.watchman.config.Config.Audit.Rule("itk", "itk_([a-z0-9]{20})", "", null, "low"),
                new dev.watchman.config.Config.Audit.Rule("otk", "otk_([a-z0-9]{20})", "", null, null)), List.of(),
                dev.watchman.config.Config.Audit.DEFAULT_MAX_FILE_BYTES, true), SALT_FOR_SWITCH);
        List<Finding> f = s.scan("/x", "a itk_abcdefghij0123456789\nb otk_abcdefghij0123456789\n");
        assertEquals(List.of(Severity.LOW, Severity.HIGH), f.stream().map(Finding::severity).toList());
    }

    @Test
    void saltIsCreatedOnceOwnerOnlyAndKeepsFingerprintsStable() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("one"));
        Files.copy(fixtures().resolve("stripe-key.env"), dir.resolve("stripe-key.env"));
        JsonNode a = JSON.readTree(Cli.run(config, "audit", dir.toString(), "--json").out());
        Path salt = tmp.resolve("data").resolve("secret-salt");
        assertEquals(32, Files.size(salt));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(salt)));
        byte[] first = Files.readAllBytes(salt);
        JsonNode b = JSON.readTree(Cli.run(config, "audit", dir.toString(), "--json").out());
        assertEquals(a.get("findings").get(0).get("fingerprint"), b.get("findings").get(0).get("fingerprint"));
        assertTrue(java.util.Arrays.equals(first, Files.readAllBytes(salt)));
        // The same secret audited twice is one :Finding seen by both audits.
        assertEquals(Set.of(List.of(1L, 2L)), TestGraph.tuples("MATCH (a:ConfigAudit)-[r:FOUND]->(f:Finding) "
                + "RETURN count(DISTINCT f), count(r)", Map.of()));
    }

    @Test
    void cleanDirectoryIsCompliantAndTheAuditIsLinkedToHostAndSnapshot() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("clean"));
        Files.writeString(dir.resolve("app.conf"), "listen = 8080\npassword_file = /run/secrets/app\n");
        Files.write(dir.resolve("blob.bin"), new byte[] {1, 0, 2, 0});
        Cli.Result r = Cli.run(config, "audit", dir.toString(), "--env", "prod", "--json");
        assertEquals(ExitCode.OK, r.code(), r.err());
        JsonNode j = JSON.readTree(r.out());
        assertEquals("compliant", j.get("complianceStatus").asText());
        assertEquals(1, j.get("scan").get("scanned").asInt());
        assertEquals(1, j.get("scan").get("skippedBinary").asInt());
        assertEquals(Set.of(List.of("prod", "compliant", 0L, "audit", dir.toString())),
                TestGraph.tuples("MATCH (:Host {id: 'audit-host'})-[:HAS_AUDIT]->(a:ConfigAudit)-[:AUDITED]->(s:Snapshot) "
                        + "WHERE s.id = $snap RETURN a.environment, a.complianceStatus, a.issuesFound, a.kind, a.root",
                        Map.of("snap", j.get("snapshotId").asText())));
        JsonNode scope = JSON.readTree((String) TestGraph.tuples("MATCH (a:ConfigAudit) RETURN a.auditScope", Map.of())
                .iterator().next().get(0));
        assertEquals(dir.toString(), scope.get("root").asText());
        assertTrue(scope.get("rules").toString().contains("private-key"), scope.toString());
        Cli.Result text = Cli.run(config, "audit", dir.toString());
        assertTrue(text.out().contains(": compliant, 0 issue(s)"), text.out());
    }

    @Test
    void packsPassAndFailThroughTheAuditEachAsItsOwnConfigAudit() throws IOException {
        Path root = PackTrees.root(tmp.resolve("host"));
        PackTrees.writePacks(tmp.resolve("packs"));
        Path etc = root.resolve("etc");
        Cli.Result r = Cli.run(config, "audit", etc.toString(), "--root", root.toString(),
                "--pack", "app-good", "--pack", "app-bad", "--json");
        assertEquals(ExitCode.FINDINGS, r.code(), r.err());
        JsonNode j = JSON.readTree(r.out());
        assertEquals("non_compliant", j.get("complianceStatus").asText());
        assertTrue(j.get("findings").isEmpty(), "no secrets in the tree: " + j.get("findings"));
        Map<String, JsonNode> byPack = new LinkedHashMap<>();
        j.get("packs").forEach(p -> byPack.put(p.get("pack").asText(), p));
        assertTrue(byPack.get("app-good").get("compliant").asBoolean(), byPack.toString());
        assertFalse(byPack.get("app-bad").get("compliant").asBoolean());
        assertEquals(Set.of("app-mode", "app-extra"), rules(byPack.get("app-bad").get("mismatches")));
        // The snapshot just taken answered the exact-path metadata rules.
        assertTrue(byPack.get("app-good").get("recordedPaths").asInt() >= 1, byPack.toString());
        assertEquals(2, j.get("issuesFound").asInt());

        assertEquals(Set.of(List.of("app-good", "compliant", 0L, 0L), List.of("app-bad", "non_compliant", 2L, 2L)),
                TestGraph.tuples("MATCH (main:ConfigAudit {kind: 'audit'})<-[:PART_OF]-(a:ConfigAudit {kind: 'pack'})"
                        + "-[:USED_PACK]->(p:Pack) MATCH (a)-[:AUDITED]->(:Snapshot)<-[:AUDITED]-(main) "
                        + "RETURN p.name, a.complianceStatus, a.issuesFound, COUNT { (a)-[:HAS_MISMATCH]->() }", Map.of()));
        assertEquals(2, TestGraph.count("MATCH (:ConfigAudit {kind: 'audit'})-[:USED_PACK]->(p:Pack) RETURN count(p)", Map.of()));
    }

    @Test
    void savedQuestionsAnswerFromTheAudits() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("q"));
        Files.copy(fixtures().resolve("github-token.env"), dir.resolve("a.env"));
        Files.copy(fixtures().resolve("github-token.env"), dir.resolve("b.env"));
        assertEquals(ExitCode.FINDINGS, Cli.run(config, "audit", dir.toString()).code());
        QueryService q = new QueryService(graph);
        List<Map<String, Object>> secrets = q.run("secret-findings", Map.of());
        assertEquals(4, secrets.size(), secrets.toString());
        assertEquals(dir.resolve("a.env").toString(), secrets.get(0).get("path"));
        List<Map<String, Object>> reused = q.run("reused-secrets", Map.of());
        assertEquals(2, reused.size(), "both tokens are stored twice: " + reused);
        List<Map<String, Object>> latest = q.run("latest-audits", Map.of());
        assertEquals("non_compliant", latest.get(0).get("status"));
        assertEquals(4L, latest.get(0).get("issuesFound"));
    }

    static Set<String> rules(JsonNode mismatches) {
        Set<String> out = new TreeSet<>();
        mismatches.forEach(m -> out.add(m.get("rule").asText()));
        return out;
    }

    /** Every property of every node and relationship, as text. */
    String dumpGraph() {
        StringBuilder b = new StringBuilder();
        for (Map<String, Object> row : graph.readOnly("MATCH (n) RETURN labels(n) AS l, properties(n) AS p "
                + "UNION ALL MATCH ()-[r]->() RETURN [type(r)] AS l, properties(r) AS p", Map.of(), Duration.ofSeconds(60))) {
            b.append(row).append('\n');
        }
        return b.toString();
    }

    static void assertAbsent(List<String> secrets, String haystack, String where) {
        for (String secret : secrets) {
            for (int i = 0; i + 8 <= secret.length(); i++) {
                String window = secret.substring(i, i + 8);
                assertFalse(haystack.contains(window), () -> "secret material '" + window.charAt(0) + "…' leaked into " + where);
            }
        }
    }

    /** The clear-text values in one fixture: listed above, or read from it (keys, random tokens). */
    static List<String> planted(Path fixture) throws IOException {
        String name = fixture.getFileName().toString();
        if (PLANTED.containsKey(name)) {
            return PLANTED.get(name);
        }
        List<String> out = new ArrayList<>();
        if (name.equals("lookalikes.conf")) {
            return out;
        }
        String text = Files.readString(fixture);
        if (text.contains("PRIVATE KEY-----")) {
            for (String part : text.split("\\\\n|\\n")) {
                String t = part.trim();
                if (t.matches("[A-Za-z0-9+/=]{16,}")) {
                    out.add(t);
                }
            }
            return out;
        }
        for (String line : text.split("\n")) {
            for (String token : line.split("[\\s=:\"]+")) {
                if (token.length() >= 20 && !token.matches("[a-z_]+")) {
                    // The public prefix (named in rule descriptions) is not secret material.
                    out.add(token.replaceFirst("^(ghp_|github_pat_|xoxb-|sk_live_|AIza)", ""));
                }
            }
        }
        return out;
    }
}
