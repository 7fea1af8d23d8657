package dev.watchman.pack;

import static dev.watchman.pack.PackFixtures.chmod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.watchman.fs.FileHasher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackEvaluatorTest {
    private static final String SSHD = "/etc/ssh/sshd_config";
    private static final String SSHD_ALL = "/etc/ssh/sshd_config{,.d/*.conf}";

    private static Pack openssh() {
        return PackLoader.load(PackFixtures.shippedPacks().resolve("openssh-server.toml"));
    }

    private static Pack baseline() {
        return PackLoader.load(PackFixtures.shippedPacks().resolve("linux-baseline.toml"));
    }

    private static Path passTree(Path dir) throws IOException {
        Path root = PackFixtures.copyTree("pass", dir);
        chmod(root, "etc/shadow", "rw-r-----");
        chmod(root, "etc/gshadow", "rw-------");
        chmod(root, "etc/ssh/sshd_config", "rw-------");
        chmod(root, "etc/ssh/ssh_host_ed25519_key", "rw-------");
        chmod(root, "etc/ssh/ssh_host_rsa_key", "rw-------");
        // A sticky world-writable directory is fine (like /tmp); a symlink's 0777 is not a mode.
        Path spool = Files.createDirectory(root.resolve("etc/app/spool"));
        Files.setAttribute(spool, "unix:mode", 01777);
        Files.createSymbolicLink(root.resolve("etc/app/link.conf"), Path.of("app.conf"));
        return root;
    }

    private static Path failTree(Path dir) throws IOException {
        Path root = PackFixtures.copyTree("fail", dir);
        chmod(root, "etc/passwd", "rw-------");
        chmod(root, "etc/ssh/sshd_config", "rw-rw-r--");
        chmod(root, "etc/ssh/ssh_host_ed25519_key", "rw-------");
        chmod(root, "etc/app/world.conf", "rw-rw-rw-");
        return root;
    }

    private static Mismatch m(String path, String rule, String expected, String actual) {
        return new Mismatch(path, rule, expected, actual);
    }

    private static String pattern(Pack pack, String ruleId) {
        return pack.rules().stream().filter(r -> r.id().equals(ruleId)).findFirst().orElseThrow().pattern();
    }

    @Test
    void hardenedTreePassesBothPacks(@TempDir Path dir) throws IOException {
        Path root = passTree(dir);
        PackResult ssh = PackEvaluator.evaluate(openssh(), root);
        assertEquals(List.of(), ssh.mismatches());
        assertTrue(ssh.compliant());
        assertEquals("openssh-server", ssh.pack());
        assertEquals("1.0.0", ssh.version());
        PackResult base = PackEvaluator.evaluate(baseline(), root);
        assertEquals(List.of(), base.mismatches());
        assertTrue(base.compliant());
    }

    @Test
    void weakSshdConfigFailsWithExactMismatches(@TempDir Path dir) throws IOException {
        Path root = failTree(dir);
        boolean asRoot = PackFixtures.uid(root) == 0;
        if (asRoot) {
            Files.setAttribute(root.resolve("etc/ssh/sshd_config"), "unix:uid", 4242);
        }
        Pack pack = openssh();
        List<Mismatch> expected = new ArrayList<>(List.of(
                m(SSHD, "sshd-permit-root-login-not-weakened",
                        "no line matching " + pattern(pack, "sshd-permit-root-login-not-weakened"),
                        "line 4 matches forbidden pattern"),
                m(SSHD, "sshd-password-authentication-not-enabled",
                        "no line matching " + pattern(pack, "sshd-password-authentication-not-enabled"),
                        "line 5 matches forbidden pattern"),
                m(SSHD, "sshd-permit-empty-passwords",
                        "no line matching " + pattern(pack, "sshd-permit-empty-passwords"), "line 6 matches forbidden pattern"),
                m(SSHD, "sshd-x11-forwarding",
                        "no line matching " + pattern(pack, "sshd-x11-forwarding"), "line 7 matches forbidden pattern"),
                m(SSHD_ALL, "sshd-max-auth-tries", "line matching " + pattern(pack, "sshd-max-auth-tries"), "line missing"),
                m(SSHD, "sshd-max-auth-tries-not-raised",
                        "no line matching " + pattern(pack, "sshd-max-auth-tries-not-raised"), "line 8 matches forbidden pattern"),
                m(SSHD, "sshd-protocol-1", "no line matching " + pattern(pack, "sshd-protocol-1"), "line 3 matches forbidden pattern"),
                m(SSHD, "sshd-hostbased-authentication",
                        "no line matching " + pattern(pack, "sshd-hostbased-authentication"), "line 9 matches forbidden pattern"),
                m(SSHD, "sshd-ignore-rhosts",
                        "no line matching " + pattern(pack, "sshd-ignore-rhosts"), "line 10 matches forbidden pattern"),
                m(SSHD, "sshd-log-level", "no line matching " + pattern(pack, "sshd-log-level"), "line 11 matches forbidden pattern"),
                m(SSHD_ALL, "sshd-client-alive-interval",
                        "line matching " + pattern(pack, "sshd-client-alive-interval"), "line missing"),
                m(SSHD, "sshd-config-permissions", "mode 0644 or stricter", "mode 0664")));
        if (asRoot) {
            expected.add(m(SSHD, "sshd-config-owner", "uid 0 (root)", "uid 4242"));
        }
        expected.add(m("/etc/ssh/ssh_host_rsa_key", "sshd-host-key-permissions", "mode 0600 or stricter", "mode 0644"));

        PackResult result = PackEvaluator.evaluate(pack, root);
        assertEquals(expected, result.mismatches());
        assertFalse(result.compliant());
    }

    @Test
    void baselineFailsWithExactMismatches(@TempDir Path dir) throws IOException {
        Path root = failTree(dir);
        PackResult result = PackEvaluator.evaluate(baseline(), root);
        assertEquals(List.of(
                m("/etc/passwd", "passwd-mode", "mode 0644", "mode 0600"),
                m("/etc/shadow", "shadow-permissions", "mode 0640 or stricter", "mode 0644"),
                m("/etc/gshadow", "gshadow-permissions", "mode 0640 or stricter", "missing"),
                m("/etc/gshadow", "gshadow-owner", "uid 0 (root)", "missing"),
                m("/etc/app/world.conf", "etc-no-world-writable", "no world-writable entries under /etc", "mode 0666"),
                m("/etc/hosts.equiv", "no-hosts-equiv", "absent", "present")), result.mismatches());
    }

    @Test
    void packsAreEvaluatedSeparately(@TempDir Path dir) throws IOException {
        Path root = failTree(dir);
        List<PackResult> results = PackEvaluator.evaluateAll(List.of(openssh(), baseline()), root, Map.of());
        assertEquals(List.of("openssh-server", "linux-baseline"), results.stream().map(PackResult::pack).toList());
        assertTrue(results.get(0).mismatches().stream().allMatch(x -> x.rule().startsWith("sshd-")));
        assertTrue(results.get(1).mismatches().stream().noneMatch(x -> x.rule().startsWith("sshd-")));
        assertEquals(PackEvaluator.evaluate(baseline(), root), results.get(1));
    }

    @Test
    void contentMismatchesNeverCarryTheLine(@TempDir Path dir) throws IOException {
        Path root = passTree(dir);
        Files.writeString(root.resolve("etc/app/app.conf"), "db_password = Hq7-Secret-Zz9\n");
        Pack pack = PackLoader.parse("t.toml", """
                name = "t"
                version = "1"
                [[rule]]
                id = "no-password"
                type = "line_forbidden"
                path = "/etc/app/*.conf"
                pattern = "password"
                [[rule]]
                id = "no-password-anywhere"
                type = "regex_forbidden"
                path = "/etc/app/app.conf"
                pattern = "(?m)^db_password"
                [[rule]]
                id = "must-have-listen"
                type = "regex_required"
                path = "/etc/app/app.conf"
                pattern = "listen"
                """.getBytes(StandardCharsets.UTF_8));
        PackResult r = PackEvaluator.evaluate(pack, root);
        // link.conf is a symlink to app.conf: a program reading it reads the same line, so it counts.
        assertEquals(List.of(
                m("/etc/app/app.conf", "no-password", "no line matching password", "line 1 matches forbidden pattern"),
                m("/etc/app/link.conf", "no-password", "no line matching password", "line 1 matches forbidden pattern"),
                m("/etc/app/app.conf", "no-password-anywhere", "no content matching (?m)^db_password",
                        "content matches forbidden pattern at line 1"),
                m("/etc/app/app.conf", "must-have-listen", "content matching listen", "no match")), r.mismatches());
        assertFalse(r.toString().contains("Hq7-Secret"));
    }

    @Test
    void missingFileForLineRuleIsAMismatch(@TempDir Path dir) throws IOException {
        Path root = passTree(dir);
        Files.delete(root.resolve("etc/ssh/sshd_config"));
        PackResult r = PackEvaluator.evaluate(openssh(), root);
        assertEquals(List.of(
                m(SSHD, "sshd-config-present", "exists", "missing"),
                m(SSHD_ALL, "sshd-permit-root-login", "line matching " + pattern(openssh(), "sshd-permit-root-login"), "line missing"),
                m(SSHD_ALL, "sshd-password-authentication",
                        "line matching " + pattern(openssh(), "sshd-password-authentication"), "line missing"),
                m(SSHD_ALL, "sshd-max-auth-tries", "line matching " + pattern(openssh(), "sshd-max-auth-tries"), "line missing"),
                m(SSHD_ALL, "sshd-client-alive-interval",
                        "line matching " + pattern(openssh(), "sshd-client-alive-interval"), "line missing"),
                m(SSHD, "sshd-config-permissions", "mode 0644 or stricter", "missing"),
                m(SSHD, "sshd-config-owner", "uid 0 (root)", "missing")), r.mismatches());

        Files.delete(root.resolve("etc/ssh/sshd_config.d/50-local.conf"));
        PackResult none = PackEvaluator.evaluate(openssh(), root);
        assertEquals("file missing", none.mismatches().get(1).actual());
    }

    @Test
    void recordedFactsAnswerMetadataRulesWithoutTheDisk(@TempDir Path dir) throws IOException {
        Path root = passTree(dir);
        int uid = PackFixtures.uid(root);
        int gid = (Integer) Files.getAttribute(root, "unix:gid");
        // The graph says /etc/shadow was world-readable and /etc/gshadow is gone at last snapshot.
        Map<String, FileFacts> recorded = Map.of(
                "/etc/shadow", new FileFacts(true, null, 0644, uid, gid),
                "/etc/gshadow", new FileFacts(false, null, null, null, null));
        PackResult r = PackEvaluator.evaluate(baseline(), root, recorded);
        assertEquals(List.of(
                m("/etc/shadow", "shadow-permissions", "mode 0640 or stricter", "mode 0644"),
                m("/etc/gshadow", "gshadow-permissions", "mode 0640 or stricter", "missing"),
                m("/etc/gshadow", "gshadow-owner", "uid 0 (root)", "missing")), r.mismatches());
    }

    @Test
    void sha256ModeAndOwnerByNumericId(@TempDir Path dir) throws IOException {
        Path root = passTree(dir);
        String sha = FileHasher.sha256Following(root.resolve("etc/app/app.conf"));
        int uid = PackFixtures.uid(root);
        Pack pack = PackLoader.parse("t.toml", ("""
                name = "t"
                version = "1"
                [[rule]]
                id = "hash-ok"
                type = "sha256"
                path = "/etc/app/app.conf"
                sha256 = "%s"
                [[rule]]
                id = "hash-bad"
                type = "sha256"
                path = "/etc/app/app.conf"
                sha256 = "%s"
                [[rule]]
                id = "mode-exact"
                type = "mode"
                path = "/etc/app/app.conf"
                mode = "0640"
                [[rule]]
                id = "owner-numeric"
                type = "owner"
                path = "/etc/app/app.conf"
                owner = "%d"
                [[rule]]
                id = "owner-unknown"
                type = "owner"
                path = "/etc/app/app.conf"
                owner = "nobody-here"
                """).formatted(sha.toUpperCase(), "0".repeat(64), uid).getBytes(StandardCharsets.UTF_8));
        PackResult r = PackEvaluator.evaluate(pack, root);
        assertEquals(List.of(
                m("/etc/app/app.conf", "hash-bad", "sha256 " + "0".repeat(64), "sha256 " + sha),
                m("/etc/app/app.conf", "mode-exact", "mode 0640", "mode 0644"),
                m("/etc/app/app.conf", "owner-unknown", "uid of unknown user 'nobody-here'", "uid " + uid + " (root)")),
                r.mismatches());
    }

    @Test
    void unreadableContentIsReportedNotSkipped(@TempDir Path dir) throws IOException {
        Path root = passTree(dir);
        Files.createDirectories(root.resolve("etc/app/dir.conf"));
        Pack pack = PackLoader.parse("t.toml", """
                name = "t"
                version = "1"
                [[rule]]
                id = "needs-line"
                type = "line_required"
                path = "/etc/app/dir.conf"
                pattern = "x"
                """.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(m("/etc/app/dir.conf", "needs-line", "line matching x", "not a regular file")),
                PackEvaluator.evaluate(pack, root).mismatches());
        Files.setPosixFilePermissions(root.resolve("etc/app/dir.conf"), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void contentRulesDoNotReadFilesOverTheAuditSizeCap(@TempDir Path dir) throws IOException {
        Path root = passTree(dir);
        Files.writeString(root.resolve("etc/app/big.conf"), "x".repeat(2048) + "\n");
        Pack pack = PackLoader.parse("t.toml", """
                name = "t"
                version = "1"
                [[rule]]
                id = "needs-line"
                type = "line_required"
                path = "/etc/app/big.conf"
                pattern = "x"
                """.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(m("/etc/app/big.conf", "needs-line", "line matching x",
                        "larger than 1024 bytes ([audit] max_file_bytes), not checked")),
                PackEvaluator.evaluate(pack, root, Map.of(), 1024).mismatches());
        assertEquals(List.of(), PackEvaluator.evaluate(pack, root).mismatches(), "10 MiB by default");
        assertEquals(10L << 20, PackEvaluator.MAX_CONTENT_BYTES);
    }
}
