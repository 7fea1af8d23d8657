package dev.watchman.pack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackExportTest {
    @Test
    void exportWritesTheShippedPacksByteForByteAsALoadablePackDir(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("packs");
        List<PackExport.Written> w = PackExport.export(dir, false);
        assertEquals(List.of("linux-baseline", "openssh-server"), w.stream().map(PackExport.Written::pack).toList());
        assertTrue(w.stream().allMatch(x -> x.outcome().equals("written")), w.toString());
        for (String f : List.of("linux-baseline.toml", "openssh-server.toml")) {
            assertArrayEquals(Files.readAllBytes(PackFixtures.shippedPacks().resolve(f)), Files.readAllBytes(dir.resolve(f)));
        }
        Map<String, String> shipped = new TreeMap<>();
        ShippedPacks.load().forEach(p -> shipped.put(p.name(), p.sha256()));
        Map<String, String> exported = new TreeMap<>();
        PackLoader.loadDirectory(dir).forEach(p -> exported.put(p.name(), p.sha256()));
        assertEquals(shipped, exported, "the exported files are the same revisions");

        assertTrue(PackExport.export(dir, false).stream().allMatch(x -> x.outcome().equals("unchanged")));
    }

    @Test
    void anEditedCopyIsNotOverwrittenWithoutForce(@TempDir Path dir) throws IOException {
        PackExport.export(dir, false);
        Path edited = dir.resolve("openssh-server.toml");
        String mine = Files.readString(edited).replace("version = ", "# edited\nversion = ");
        Files.writeString(edited, mine);
        WatchmanException e = assertThrows(WatchmanException.class, () -> PackExport.export(dir, false));
        assertEquals(ExitCode.REFUSED, e.exitCode());
        assertTrue(e.getMessage().contains(edited.toString()) && e.getMessage().contains("--force"), e.getMessage());
        assertEquals(mine, Files.readString(edited), "left as it was");
        List<PackExport.Written> forced = PackExport.export(dir, true);
        assertEquals(List.of("unchanged", "overwritten"), forced.stream().map(PackExport.Written::outcome).toList());
        assertArrayEquals(Files.readAllBytes(PackFixtures.shippedPacks().resolve("openssh-server.toml")),
                Files.readAllBytes(edited));
    }

    @Test
    void requirementShowsTheTypeSpecificFields() {
        Pack ssh = ShippedPacks.load().stream().filter(p -> p.name().equals("openssh-server")).findFirst().orElseThrow();
        for (PackRule r : ssh.rules()) {
            Map<String, Object> f = Requirement.fields(r);
            assertTrue(f.containsKey("path") || f.containsKey("under"), r.id());
            switch (r.type()) {
                case LINE_REQUIRED, LINE_FORBIDDEN, REGEX_REQUIRED, REGEX_FORBIDDEN -> {
                    assertEquals(r.pattern(), f.get("pattern"), r.id());
                    assertTrue(Requirement.text(r).endsWith(r.pattern()), r.id());
                }
                case MAX_PERMISSIONS -> assertTrue(((String) f.get("max_mode")).matches("0[0-7]{3}"), r.id());
                case OWNER -> assertTrue(Requirement.text(r).contains("owner ") || Requirement.text(r).contains("group "));
                default -> { }
            }
        }
        PackRule mode = new PackRule("m", RuleType.MODE, dev.watchman.Severity.HIGH, null, "/etc/passwd",
                null, 0644, null, null, null, null, null, null);
        assertEquals(Map.of("path", "/etc/passwd", "mode", "0644"), Requirement.fields(mode));
        assertEquals("mode is exactly 0644", Requirement.text(mode));
    }
}
