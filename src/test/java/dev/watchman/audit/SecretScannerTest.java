package dev.watchman.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.watchman.ExitCode;
import dev.watchman.Severity;
import dev.watchman.WatchmanException;
import java.io.IOException;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretScannerTest {
    private static final byte[] SALT = "test-salt-0123456789".getBytes(StandardCharsets.UTF_8);

    /** fixture → "line:rule" of every expected finding, in order. */
    private static final Map<String, List<String>> EXPECTED = new TreeMap<>(Map.ofEntries(
            Map.entry("password-assignments.conf", lines("password-assignment", 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)),
            Map.entry("password-xml.xml", lines("password-assignment", 3, 4, 5, 6)),
            Map.entry("url-credentials.conf", lines("url-credentials", 2, 3, 4)),
            Map.entry("connection-strings.env", lines("connection-string-credentials", 1, 2, 3, 4, 5, 6, 7, 8)),
            Map.entry("generic-api-tokens.yaml", lines("generic-api-token", 2, 3, 4, 6, 7)),
            Map.entry("github-token.env", lines("github-token", 1, 2)),
            Map.entry("slack-token.yaml", lines("slack-token", 2)),
            Map.entry("stripe-key.env", lines("stripe-secret-key", 1)),
            Map.entry("google-api-key.json", lines("google-api-key", 3)),
            Map.entry("aws-credentials", List.of("2:aws-access-key-id", "3:aws-secret-access-key")),
            Map.entry("jwt.conf", lines("jwt", 2)),
            Map.entry("private-key-rsa.pem", lines("private-key", 1)),
            Map.entry("private-key-ec.pem", lines("private-key", 1)),
            Map.entry("private-key-openssh", lines("private-key", 1)),
            Map.entry("private-key-encrypted.pem", lines("private-key", 1)),
            Map.entry("service-account.json", lines("private-key", 5)),
            Map.entry("lookalikes.conf", List.of())));

    /** Clear-text values planted in the fixtures (PEM bodies are read from the files). */
    private static final List<String> PLANTED = List.of(
            "Tr0ub4dor&3xq", "Zq8#mL2!vR", "hN4@pW9$kLq", "s3cr3t-Adm1n-Pw", "Jf7&dQ2*zW", "Kx9vB2mQ7t",
            "9fG2kLp0Qw8eRt5y", "OldPw-77xq", "Rd1s-P4ss-w0rd-9z", "X9m!Lq2#Wv", "Pq7*Rt2$Yu", "Mn3%Bv8^Cx",
            "Lk4&amp;Jh6*Gf", "Gh7-Vq2-Lm9", "Pr0xy-S3cret-77", "Ft9pW0rd-xz", "Sq1-Srv-Pw-42", "Ad0-Net-Pw-9q",
            "My5ql-Qry-Pw", "M0ngo-Pw-x7Q", "Pg-Pw-55-zzK", "Rt-My-88-wQe", "Rd-Pw-31-kLm", "Lq-Pq-77-vBn",
            "7f3kQ9zLm2Xw8RtY4vBn", "Zx81LmQw93PoKi72Nb46", "q8Wm3Zr7Lx2Nv5Kt9Pb1", "A1b2C3d4E5f6G7h8I9j0KlMn",
            "Hj7Kl9Qw2Er4Ty6Ui8Op");

    private static List<String> lines(String rule, int... lineNumbers) {
        List<String> out = new ArrayList<>();
        for (int n : lineNumbers) {
            out.add(n + ":" + rule);
        }
        return out;
    }

    static Path fixtures() {
        try {
            return Path.of(SecretScannerTest.class.getResource("/fixtures/audit").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SecretScanner scanner() {
        return SecretScanner.builder(SALT).build();
    }

    private static List<String> summary(List<Finding> findings) {
        return findings.stream().map(f -> f.line() + ":" + f.ruleId()).toList();
    }

    @Test
    void everyFixtureYieldsExactlyTheExpectedFindings() throws IOException {
        List<String> onDisk;
        try (Stream<Path> s = Files.list(fixtures())) {
            onDisk = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.copyOf(EXPECTED.keySet()), onDisk, "every fixture has an expectation");
        SecretScanner scanner = scanner();
        for (Map.Entry<String, List<String>> e : EXPECTED.entrySet()) {
            FileScan scan = scanner.scanFile(fixtures().resolve(e.getKey()), "fixtures/" + e.getKey());
            assertEquals(FileScan.Status.SCANNED, scan.status(), e.getKey());
            assertEquals(e.getValue(), summary(scan.findings()), e.getKey());
        }
    }

    @Test
    void lookAlikesProduceNoFindings() throws IOException {
        String text = Files.readString(fixtures().resolve("lookalikes.conf"));
        List<Finding> findings = scanner().scan("lookalikes.conf", text);
        assertEquals(List.of(), summary(findings));
        assertTrue(text.lines().count() > 60, "the look-alike fixture is substantial");
    }

    @Test
    void encryptedPrivateKeyIsMediumOthersCritical() throws IOException {
        SecretScanner scanner = scanner();
        assertEquals(Severity.MEDIUM,
                scanner.scanFile(fixtures().resolve("private-key-encrypted.pem")).findings().get(0).severity());
        assertEquals(Severity.CRITICAL,
                scanner.scanFile(fixtures().resolve("private-key-rsa.pem")).findings().get(0).severity());
        assertTrue(scanner.scanFile(fixtures().resolve("private-key-rsa.pem")).findings().get(0)
                .recommendation().startsWith("rotate the key: it has been on disk in clear text"));
    }

    @Test
    void noSecretValueAppearsInSerialisedFindingsOrToString() throws IOException {
        List<String> secrets = new ArrayList<>(PLANTED);
        try (Stream<Path> s = Files.list(fixtures())) {
            for (Path p : s.toList()) {
                String text = Files.readString(p);
                if (text.contains("PRIVATE KEY-----") && !p.endsWith("lookalikes.conf")) {
                    // Every base64 line of a key body, including the JSON-embedded one.
                    for (String part : text.split("\\\\n|\\n")) {
                        String t = part.trim();
                        if (t.matches("[A-Za-z0-9+/=]{16,}")) {
                            secrets.add(t);
                        }
                    }
                }
            }
        }
        // Values drawn at random by the fixture generator: take them from the files themselves.
        for (String f : List.of("github-token.env", "slack-token.yaml", "stripe-key.env", "google-api-key.json",
                "aws-credentials", "jwt.conf")) {
            for (String line : Files.readAllLines(fixtures().resolve(f))) {
                for (String token : line.split("[\\s=:\"]+")) {
                    if (token.length() >= 20 && !token.matches("[a-z_]+")) {
                        // The public prefix (named in rule descriptions) is not secret material.
                        secrets.add(token.replaceFirst("^(ghp_|github_pat_|xoxb-|sk_live_|AIza)", ""));
                    }
                }
            }
        }
        assertTrue(secrets.size() > 60, "collected planted secrets: " + secrets.size());

        SecretScanner scanner = scanner();
        List<Object> everything = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int findings = 0;
        try (Stream<Path> s = Files.list(fixtures())) {
            for (Path p : s.sorted().toList()) {
                FileScan scan = scanner.scanFile(p, "fixtures/" + p.getFileName());
                everything.add(scan);
                text.append(scan).append('\n');
                findings += scan.findings().size();
                for (Finding f : scan.findings()) {
                    text.append(f).append('\n');
                }
            }
        }
        assertTrue(findings >= 40, "the fixtures produced findings: " + findings);
        String all = new ObjectMapper().writeValueAsString(everything) + "\n" + text;
        for (String secret : secrets) {
            for (int i = 0; i + 8 <= secret.length(); i++) {
                String window = secret.substring(i, i + 8);
                assertFalse(all.contains(window), () -> "secret material leaked into findings: " + window);
            }
        }
    }

    @Test
    void fingerprintIsSaltedStableAndShort() {
        String a = "db_password = Kq2-Zp9-Lm4\n";
        String b = "# other file\nDB_PASSWORD=\"Kq2-Zp9-Lm4\"\n";
        Finding fa = scanner().scan("a.conf", a).get(0);
        Finding fb = scanner().scan("b.env", b).get(0);
        assertEquals(fa.fingerprint(), fb.fingerprint(), "same value, same fingerprint across files");
        assertTrue(fa.fingerprint().matches("[0-9a-f]{16}"), fa.fingerprint());
        Finding other = SecretScanner.builder("another-salt".getBytes(StandardCharsets.UTF_8)).build().scan("a.conf", a).get(0);
        assertNotEquals(fa.fingerprint(), other.fingerprint(), "the salt changes the fingerprint");
    }

    @Test
    void literalDefaultPasswordsAreReportedNotTreatedAsPlaceholders() {
        // Policy (docs/packs.md): a live config with "changeme" really uses "changeme".
        assertEquals(List.of("1:password-assignment", "2:password-assignment"),
                summary(scanner().scan("x.conf", "password = changeme\nadmin_password: admin123\n")));
        // A vault-looking literal is still a literal; only the vault: scheme marks a reference.
        assertEquals(List.of("1:password-assignment"), summary(scanner().scan("x.conf",
                "secrets.password = vault-1a2b3c4d5e\nsecrets.key = vault-1a2b3c4d5e\ndb_password = vault:secret/db#pw\n")));
    }

    @Test
    void readerAndStringGiveTheSameFindings() throws IOException {
        String text = Files.readString(fixtures().resolve("connection-strings.env"));
        assertEquals(scanner().scan("c.env", text), scanner().scan("c.env", new StringReader(text)));
    }

    @Test
    void allowListSuppressesByGlobAndRule() throws IOException {
        Path gh = fixtures().resolve("github-token.env");
        SecretScanner allowGithub = SecretScanner.builder(SALT)
                .allow(List.of(new AllowEntry("**/github-token.env", "github-token"))).build();
        // The tokens would also match generic-api-token; allowing the specific rule must not let them resurface.
        assertEquals(List.of(), allowGithub.scanFile(gh, gh.toString()).findings());
        assertEquals(2, allowGithub.scanFile(gh, "/elsewhere/github.env").findings().size());

        SecretScanner allowAll = SecretScanner.builder(SALT)
                .allow(List.of(new AllowEntry("/srv/app/*.env", "*"))).build();
        FileScan skipped = allowAll.scanFile(gh, "/srv/app/github-token.env");
        assertEquals(FileScan.Status.SKIPPED_ALLOWED, skipped.status());
        assertEquals(2, allowAll.scanFile(gh, "/srv/app/sub/github-token.env").findings().size(), "* stays in one directory");

        SecretScanner allowOtherRule = SecretScanner.builder(SALT)
                .allow(List.of(new AllowEntry("**/github-token.env", "jwt"))).build();
        assertEquals(2, allowOtherRule.scanFile(gh, gh.toString()).findings().size());
    }

    @Test
    void hostKeysAreAllowedByDefaultOnly() throws IOException {
        String key = Files.readString(fixtures().resolve("private-key-openssh"));
        assertEquals(List.of(), scanner().scan("/etc/ssh/ssh_host_ed25519_key", key));
        assertEquals(List.of("1:private-key"), summary(SecretScanner.builder(SALT).withoutDefaultAllowList().build()
                .scan("/etc/ssh/ssh_host_ed25519_key", key)));
        assertEquals(List.of("1:private-key"), summary(scanner().scan("/home/alice/.ssh/id_ed25519", key)));
    }

    @Test
    void findingsSuppressedByAnAllowListAreCounted(@TempDir Path dir) throws IOException {
        Path cnf = Files.writeString(dir.resolve("openssl.cnf"), "[ca]\nchallengePassword = Insta-Demo-CA-pw\n"
                + "output_password = Another-Demo-pw9\n");
        Path key = Files.copy(fixtures().resolve("private-key-openssh"), dir.resolve("host_key"));
        // The default allow-list: the findings are dropped but counted, so the audit can say so.
        FileScan stock = scanner().scanFile(cnf, "/etc/ssl/openssl.cnf");
        assertEquals(FileScan.Status.SCANNED, stock.status());
        assertEquals(List.of(), stock.findings());
        assertEquals(2, stock.allowListed());
        FileScan hostKey = scanner().scanFile(key, "/etc/ssh/ssh_host_ed25519_key");
        assertEquals(List.of(), hostKey.findings());
        assertEquals(1, hostKey.allowListed());
        FileScan elsewhere = scanner().scanFile(cnf, "/srv/app/openssl.cnf");
        assertEquals(2, elsewhere.findings().size());
        assertEquals(0, elsewhere.allowListed());
        // A user entry for one rule counts the same way.
        SecretScanner user = SecretScanner.builder(SALT)
                .allow(List.of(new AllowEntry("/srv/app/*.cnf", "password-assignment"))).build();
        assertEquals(2, user.scanFile(cnf, "/srv/app/openssl.cnf").allowListed());
    }

    @Test
    void unknownAllowListRuleIsAUsageError() {
        WatchmanException e = assertThrows(WatchmanException.class, () -> SecretScanner.builder(SALT)
                .allow(List.of(new AllowEntry("/etc/**", "no-such-rule"))).build());
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertEquals("secret allow-list entry '/etc/**': unknown rule id 'no-such-rule'", e.getMessage());
    }

    @Test
    void userRuleFindsItsPatternWithDefaults() {
        SecretScanner s = SecretScanner.builder(SALT)
                .userRules(List.of(new SecretRule("ticket-key", "\\bTKT-([A-Z0-9]{12})\\b", "internal ticket API key", null)))
                .build();
        List<Finding> f = s.scan("app.conf", "x = 1\nremote = TKT-Q7W2E9R4T6Y1 # prod\nnone = TKT-${KEY}\n");
        assertEquals(List.of("2:ticket-key"), summary(f));
        assertEquals(Severity.HIGH, f.get(0).severity());
        assertEquals("internal ticket API key", f.get(0).description());
        assertEquals(BuiltinRules.MOVE, f.get(0).recommendation());
        assertTrue(s.rules().stream().anyMatch(r -> r.id().equals("ticket-key") && !r.builtin()));
    }

    @Test
    void invalidUserRegexNamesTheRule() {
        WatchmanException e = assertThrows(WatchmanException.class, () -> SecretScanner.builder(SALT)
                .userRules(List.of(new SecretRule("bad-rule", "token=(unclosed", "d", null))).build());
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith("secret rule 'bad-rule': invalid regex: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");

        // RE2 has no backreferences: a Perl-only construct is rejected up front, not at scan time.
        WatchmanException backref = assertThrows(WatchmanException.class, () -> SecretScanner.builder(SALT)
                .userRules(List.of(new SecretRule("backref", "(a)\\1", "d", null))).build());
        assertTrue(backref.getMessage().startsWith("secret rule 'backref': invalid regex"), backref.getMessage());

        WatchmanException dup = assertThrows(WatchmanException.class, () -> SecretScanner.builder(SALT)
                .userRules(List.of(new SecretRule("jwt", "x", "d", null))).build());
        assertEquals("secret rule 'jwt': duplicate rule id (built-in ids are reserved)", dup.getMessage());

        WatchmanException salt = assertThrows(WatchmanException.class, () -> SecretScanner.builder(new byte[0]).build());
        assertEquals(ExitCode.USAGE, salt.exitCode());
    }

    @Test
    void catastrophicRegexOnLargeInputFinishesFast() {
        String text = "a".repeat(100_000) + "!\n" + "a".repeat(100_000) + "\n";
        SecretScanner s = SecretScanner.builder(SALT)
                .userRules(List.of(new SecretRule("redos", "(a+)+$", "backtracking bomb", null))).build();
        List<Finding> f = assertTimeoutPreemptively(Duration.ofSeconds(3), () -> s.scan("big.txt", text));
        assertEquals(List.of("2:redos"), summary(f), "only the second line ends in a's");
    }

    @Test
    void builtInRulesStayLinearOnHostileLines() {
        String hostile = "password=".repeat(20_000) + "\n" + "a://".repeat(20_000) + "b:c\n"
                + "eyJ".repeat(30_000) + "\n" + "-----BEGIN PRIVATE KEY-----".repeat(3_000) + "\n";
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> scanner().scan("hostile.txt", hostile));
    }

    @Test
    void groupOrWorldReadableSecretFileGetsModeAdvice(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("app.env");
        Files.writeString(f, "DB_PASSWORD=Vb6-Nm3-Qw8\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        String rec = scanner().scanFile(f).findings().get(0).recommendation();
        assertEquals(BuiltinRules.MOVE + "; tighten the file mode to 0600 (it is 0644, readable by group or others)", rec);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        assertEquals(BuiltinRules.MOVE, scanner().scanFile(f).findings().get(0).recommendation());
    }

    @Test
    void binaryAndOversizedFilesAreSkippedAndSaySo(@TempDir Path dir) throws IOException {
        Path bin = dir.resolve("blob.bin");
        byte[] bytes = "password = Vb6-Nm3-Qw8\n\0\1\2".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(bin, bytes);
        assertEquals(FileScan.Status.SKIPPED_BINARY, scanner().scanFile(bin).status());

        Path big = dir.resolve("big.conf");
        Files.writeString(big, "password = Vb6-Nm3-Qw8\n" + "#".repeat(200) + "\n");
        SecretScanner capped = SecretScanner.builder(SALT).maxFileSize(100).build();
        assertEquals(FileScan.Status.SKIPPED_TOO_LARGE, capped.scanFile(big).status());
        assertEquals(1, scanner().scanFile(big).findings().size());

        Path latin1 = dir.resolve("latin1.conf");
        Files.write(latin1, "# caf\u00e9\npassword = Vb6-Nm3-Qw8\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(List.of("2:password-assignment"), summary(scanner().scanFile(latin1).findings()));
    }

    @Test
    void unreadableFileIsAnErrorNotAnEmptyResult(@TempDir Path dir) {
        assertThrows(IOException.class, () -> scanner().scanFile(dir.resolve("missing.conf")));
    }

    @Test
    void builtInRuleIdsAreStableAndDocumented() throws IOException {
        List<String> ids = scanner().rules().stream().map(RuleInfo::id).toList();
        assertEquals(List.of("private-key", "aws-access-key-id", "aws-secret-access-key", "github-token", "slack-token",
                "stripe-secret-key", "google-api-key", "jwt", "connection-string-credentials", "url-credentials",
                "password-assignment", "generic-api-token"), ids);
        Path doc = Path.of("docs/packs.md");
        if (Files.exists(doc)) {
            String md = Files.readString(doc);
            String missing = ids.stream().filter(id -> !md.contains("`" + id + "`")).collect(Collectors.joining(", "));
            assertEquals("", missing, "rule ids missing from docs/packs.md");
        }
    }
}
