package dev.watchman.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.watchman.ExitCode;
import dev.watchman.Severity;
import dev.watchman.WatchmanException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackLoaderTest {
    private static final String HEAD = "name = \"p\"\nversion = \"1.0.0\"\n";

    private static String error(String toml) {
        WatchmanException e = assertThrows(WatchmanException.class,
                () -> PackLoader.parse("packs/p.toml", toml.getBytes(StandardCharsets.UTF_8)));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    private static String rule(String id, String body) {
        return "[[rule]]\nid = \"" + id + "\"\n" + body + "\n";
    }

    @Test
    void shippedPacksLoadWithChecksums() throws Exception {
        List<Pack> packs = PackLoader.loadDirectory(PackFixtures.shippedPacks());
        assertEquals(List.of("linux-baseline", "openssh-server"), packs.stream().map(Pack::name).toList());
        for (Pack p : packs) {
            byte[] bytes = Files.readAllBytes(Path.of(p.source()));
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), p.sha256());
            assertTrue(p.rules().size() >= 10, p.name());
        }
        PackRule first = packs.get(1).rules().get(1);
        assertEquals("sshd-permit-root-login", first.id());
        assertEquals(RuleType.LINE_REQUIRED, first.type());
        assertEquals(Severity.HIGH, first.severity());
    }

    @Test
    void everyRuleTypeParsesWithItsFields() {
        Pack p = PackLoader.parse("all.toml", (HEAD + "description = \"all types\"\n"
                + rule("a", "type = \"file_required\"\npath = \"/etc/a\"")
                + rule("b", "type = \"file_forbidden\"\npath = \"/etc/b*\"\nseverity = \"LOW\"")
                + rule("c", "type = \"sha256\"\npath = \"/etc/c\"\nsha256 = \"" + "AB".repeat(32) + "\"")
                + rule("d", "type = \"mode\"\npath = \"/etc/d\"\nmode = \"0600\"")
                + rule("e", "type = \"max_permissions\"\npath = \"/etc/e/**\"\nmax_mode = \"640\"")
                + rule("f", "type = \"owner\"\npath = \"/etc/f\"\nowner = \"root\"\ngroup = \"42\"")
                + rule("g", "type = \"line_required\"\npath = \"/etc/g\"\npattern = \"^x$\"")
                + rule("h", "type = \"line_forbidden\"\npath = \"/etc/h\"\npattern = \"y\"")
                + rule("i", "type = \"regex_required\"\npath = \"/etc/i\"\npattern = \"(?s)a.*b\"")
                + rule("j", "type = \"regex_forbidden\"\npath = \"/etc/j\"\npattern = \"z\"")
                + rule("k", "type = \"tree\"\nunder = \"/etc\"\nforbid = \"setuid\"\ndescription = \"d\""))
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(11, p.rules().size());
        assertEquals(0600, p.rules().get(3).mode());
        assertEquals(0640, p.rules().get(4).maxMode());
        assertEquals("ab".repeat(32), p.rules().get(2).sha256());
        assertEquals(Severity.LOW, p.rules().get(1).severity());
        assertEquals(Severity.MEDIUM, p.rules().get(0).severity());
        assertEquals("42", p.rules().get(5).group());
        assertEquals("setuid", p.rules().get(10).forbid());
    }

    @Test
    void syntaxErrorNamesFileAndLine() {
        String msg = error(HEAD + "[[rule]]\nid = \"x\nbroken");
        assertTrue(msg.startsWith("packs/p.toml: TOML syntax error at line 4"), msg);
    }

    @Test
    void eachValidationProblemNamesFileAndRule() {
        assertEquals("packs/p.toml: rule 'r1': unknown key 'paht' for type file_required (allowed: "
                        + "[description, id, path, severity, type])",
                error(HEAD + rule("r1", "type = \"file_required\"\npath = \"/etc/x\"\npaht = \"/etc/y\"")));
        assertEquals("packs/p.toml: unknown key 'nmae' (allowed: [description, name, rule, version])",
                error(HEAD + "nmae = \"x\"\n" + rule("r1", "type = \"file_required\"\npath = \"/x\"")));
        assertEquals("packs/p.toml: rule 'r2': unknown rule type 'line_requried' (one of file_required, file_forbidden, "
                        + "sha256, mode, max_permissions, owner, line_required, line_forbidden, regex_required, "
                        + "regex_forbidden, tree)",
                error(HEAD + rule("r2", "type = \"line_requried\"\npath = \"/etc/x\"")));
        assertEquals("packs/p.toml: rule 'r3': missing field 'pattern'",
                error(HEAD + rule("r3", "type = \"line_required\"\npath = \"/etc/x\"")));
        assertEquals("packs/p.toml: rule #2: missing field 'id'",
                error(HEAD + rule("ok", "type = \"file_required\"\npath = \"/x\"") + "[[rule]]\ntype = \"mode\"\n"));
        assertTrue(error(HEAD + rule("r4", "type = \"line_required\"\npath = \"/etc/x\"\npattern = \"(a\""))
                .startsWith("packs/p.toml: rule 'r4': invalid regex: "));
        assertTrue(error(HEAD + rule("r5", "type = \"line_required\"\npath = \"/etc/x\"\npattern = \"(?<=a)b\""))
                .startsWith("packs/p.toml: rule 'r5': invalid regex: "), "RE2 has no look-behind");
        assertEquals("packs/p.toml: rule 'dup': duplicate rule id",
                error(HEAD + rule("dup", "type = \"file_required\"\npath = \"/a\"")
                        + rule("dup", "type = \"file_required\"\npath = \"/b\"")));
        assertEquals("packs/p.toml: rule 'r6': mode must be an octal string like \"0640\"",
                error(HEAD + rule("r6", "type = \"mode\"\npath = \"/etc/x\"\nmode = 600")));
        assertEquals("packs/p.toml: rule 'r7': path 'etc/x' must be absolute",
                error(HEAD + rule("r7", "type = \"file_required\"\npath = \"etc/x\"")));
        assertEquals("packs/p.toml: rule 'r8': path '/etc/../root/x' must not contain '..'",
                error(HEAD + rule("r8", "type = \"file_required\"\npath = \"/etc/../root/x\"")));
        assertEquals("packs/p.toml: rule 'r9': missing field 'owner' or 'group'",
                error(HEAD + rule("r9", "type = \"owner\"\npath = \"/etc/x\"")));
        assertEquals("packs/p.toml: rule 'r10': forbid 'world-readable' must be one of [setgid, setuid, world-writable]",
                error(HEAD + rule("r10", "type = \"tree\"\nunder = \"/etc\"\nforbid = \"world-readable\"")));
        assertEquals("packs/p.toml: rule 'r11': severity 'urgent' must be low, medium, high or critical",
                error(HEAD + rule("r11", "type = \"file_required\"\npath = \"/x\"\nseverity = \"urgent\"")));
        assertEquals("packs/p.toml: rule 'r12': sha256 must be 64 hex digits",
                error(HEAD + rule("r12", "type = \"sha256\"\npath = \"/x\"\nsha256 = \"abc\"")));
        assertEquals("packs/p.toml: missing field 'version'",
                error("name = \"p\"\n" + rule("r", "type = \"file_required\"\npath = \"/x\"")));
        assertEquals("packs/p.toml: no [[rule]] entries", error(HEAD));
    }

    @Test
    void oneBadPackFailsTheWholeDirectory(@TempDir Path dir) throws IOException {
        Files.copy(PackFixtures.shippedPacks().resolve("openssh-server.toml"), dir.resolve("a.toml"));
        Files.writeString(dir.resolve("b.toml"), HEAD + rule("bad", "type = \"nope\"\npath = \"/x\""));
        Files.writeString(dir.resolve("notes.txt"), "not a pack");
        WatchmanException e = assertThrows(WatchmanException.class, () -> PackLoader.loadDirectory(dir));
        assertEquals(dir.resolve("b.toml") + ": rule 'bad': unknown rule type 'nope' (one of file_required, "
                + "file_forbidden, sha256, mode, max_permissions, owner, line_required, line_forbidden, regex_required, "
                + "regex_forbidden, tree)", e.getMessage());

        Files.delete(dir.resolve("b.toml"));
        assertEquals(1, PackLoader.loadDirectory(dir).size(), "non-.toml files are ignored");

        Files.copy(dir.resolve("a.toml"), dir.resolve("c.toml"));
        WatchmanException dup = assertThrows(WatchmanException.class, () -> PackLoader.loadDirectory(dir));
        assertEquals(dir.resolve("c.toml") + ": pack name 'openssh-server' is already used by " + dir.resolve("a.toml"),
                dup.getMessage());
    }

    @Test
    void missingDirectoryIsNotFound(@TempDir Path dir) {
        WatchmanException e = assertThrows(WatchmanException.class, () -> PackLoader.loadDirectory(dir.resolve("nope")));
        assertEquals(ExitCode.NOT_FOUND, e.exitCode());
    }
}
