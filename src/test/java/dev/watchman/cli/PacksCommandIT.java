package dev.watchman.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchman.ExitCode;
import dev.watchman.graph.TestGraph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `packs show` says what each rule requires; `packs export` writes the shipped packs out. */
class PacksCommandIT {
    @TempDir
    Path dir;
    Path config;

    @BeforeEach
    void setUp() throws IOException {
        TestGraph.fresh();
        config = Cli.config(dir, "packs-host", "[packs]\ndir = \"" + dir.resolve("packs") + "\"\n");
    }

    @Test
    void showPrintsEachRulesRequirementInTextAndJson() throws IOException {
        Cli.Result t = Cli.run("packs", "show", "linux-baseline", "--config", config.toString());
        assertEquals(ExitCode.OK, t.code(), t.err());
        assertTrue(t.out().contains("rule passwd-mode (mode, "), t.out());
        assertTrue(t.out().contains("  path     /etc/passwd\n  requires mode is exactly 0644"), t.out());
        assertTrue(t.out().contains("requires mode 0640 or stricter"), t.out());
        assertTrue(t.out().contains("requires no world-writable entries below /etc"), t.out());

        Cli.Result j = Cli.run("packs", "show", "openssh-server", "--json", "--config", config.toString());
        assertEquals(ExitCode.OK, j.code(), j.err());
        JsonNode rules = Output.JSON.readTree(j.out()).get("rules");
        JsonNode root = null;
        for (JsonNode r : rules) {
            if (r.get("id").asText().equals("sshd-permit-root-login")) {
                root = r;
            }
        }
        assertEquals("line_required", root.get("type").asText());
        assertEquals("/etc/ssh/sshd_config{,.d/*.conf}", root.get("path").asText());
        assertTrue(root.get("pattern").asText().contains("PermitRootLogin"), root.toString());
        assertEquals("a line matches " + root.get("pattern").asText(), root.get("requires").asText());
    }

    @Test
    void exportWritesFilesThatLoadAsThePacksDir() throws IOException {
        Path packs = dir.resolve("packs");
        Cli.Result e = Cli.run("packs", "export", packs.toString(), "--config", config.toString());
        assertEquals(ExitCode.OK, e.code(), e.err());
        assertTrue(e.out().contains("written     " + packs.resolve("openssh-server.toml") + " (pack openssh-server)"),
                e.out());
        assertTrue(Files.isRegularFile(packs.resolve("linux-baseline.toml")));
        Cli.Result list = Cli.run("packs", "list", "--json", "--config", config.toString());
        assertEquals(ExitCode.OK, list.code(), list.err());
        assertTrue(list.out().contains(packs.resolve("linux-baseline.toml").toString()), "now loaded from the dir: "
                + list.out());
        Files.writeString(packs.resolve("linux-baseline.toml"), "# mine\n", java.nio.file.StandardOpenOption.APPEND);
        Cli.Result refused = Cli.run("packs", "export", packs.toString(), "--config", config.toString());
        assertEquals(ExitCode.REFUSED, refused.code());
        assertEquals(1, refused.err().strip().lines().count(), refused.err());
    }
}
