package dev.watchman.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchman.ExitCode;
import dev.watchman.graph.TestGraph;
import dev.watchman.pack.PackTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Alerts walk-through: assign, check, break a file, check, see the alert; and the commands' errors. */
class AlertCommandsIT {
    @TempDir
    Path dir;
    Path config;
    Path root;

    @BeforeEach
    void setUp() throws IOException {
        TestGraph.fresh();
        root = PackTrees.root(dir.resolve("tree"));
        PackTrees.writePacks(dir.resolve("packs"));
        config = Cli.config(dir, "cli-host", "[packs]\ndir = \"" + dir.resolve("packs") + "\"\nroot = \"" + root + "\"\n");
    }

    private Cli.Result run(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--config";
        all[args.length + 1] = config.toString();
        return Cli.run(all);
    }

    @Test
    void checkRaisesTheAlertThatAlertsListsAndResolvesIt() throws Exception {
        assertEquals(ExitCode.OK, run("packs", "assign", "cli-host", "app-good").code());
        Cli.Result first = run("check");
        assertEquals(ExitCode.OK, first.code(), first.all());
        assertTrue(first.out().contains("app-good") && first.out().contains("yes") && first.out().contains("none"),
                first.out());
        assertTrue(first.out().contains("1 host(s) checked, 0 skipped"), first.out());

        Files.setPosixFilePermissions(root.resolve("etc/app.conf"), PosixFilePermissions.fromString("rw-rw-rw-"));
        Cli.Result drift = run("check", "--json");
        assertEquals(ExitCode.FINDINGS, drift.code(), drift.all());
        JsonNode report = Output.JSON.readTree(drift.out());
        assertEquals(1, report.get("hostsChecked").asInt());
        JsonNode o = report.get("outcomes").get(0);
        assertEquals("created", o.get("action").asText().toLowerCase());
        assertEquals(1, o.get("mismatchCount").asInt());
        assertTrue(drift.log().contains("config drift on"), drift.log());

        Cli.Result alerts = run("alerts", "--json");
        assertEquals(ExitCode.OK, alerts.code(), alerts.all());
        JsonNode list = Output.JSON.readTree(alerts.out());
        assertEquals(1, list.size());
        JsonNode a = list.get(0);
        for (String field : List.of("id", "type", "severity", "status", "title", "message", "hostId", "hostName",
                "pack", "mismatchCount", "diffUrl", "createdAt", "updatedAt")) {
            assertTrue(a.hasNonNull(field), field + " in " + a);
        }
        assertEquals("config_drift", a.get("type").asText());
        assertEquals("warning", a.get("severity").asText());
        assertEquals("cli-host", a.get("hostId").asText());

        Cli.Result again = run("check");
        assertEquals(ExitCode.FINDINGS, again.code());
        assertTrue(again.out().contains("updated"), again.out());
        assertEquals(1, Output.JSON.readTree(run("alerts", "--status", "all", "--json").out()).size());

        Files.setPosixFilePermissions(root.resolve("etc/app.conf"), PosixFilePermissions.fromString("rw-------"));
        Cli.Result back = run("check");
        assertEquals(ExitCode.OK, back.code(), back.all());
        assertTrue(back.out().contains("resolved"), back.out());
        assertTrue(run("alerts").out().contains("no active alerts"));
        JsonNode resolved = Output.JSON.readTree(run("alerts", "--status", "resolved", "--host", "cli-host", "--json").out());
        assertEquals("auto", resolved.get(0).get("resolvedBy").asText());
    }

    @Test
    void hostSetSwitchesTheCheckOffAndOn() {
        run("packs", "assign", "cli-host", "app-good");
        Cli.Result off = run("host", "set", "cli-host", "--drift-detection=false");
        assertEquals(ExitCode.OK, off.code(), off.all());
        assertTrue(off.out().contains("drift detection off"), off.out());
        Cli.Result skipped = run("check");
        assertTrue(skipped.out().contains("skipped") && skipped.out().contains("drift detection is off"), skipped.out());
        assertTrue(skipped.out().contains("0 host(s) checked, 1 skipped"), skipped.out());
        assertEquals(ExitCode.OK, run("host", "set", "cli-host", "--drift-detection=true").code());
        assertEquals(ExitCode.USAGE, run("host", "set", "cli-host", "--drift-detection=maybe").code());
        assertEquals(ExitCode.NOT_FOUND, run("host", "set", "no-such-host", "--drift-detection=false").code());
    }

    @Test
    void silencesAreMadeListedAndRemovedAndBadInputIsOneLine() throws Exception {
        run("packs", "assign", "cli-host", "app-good");
        Cli.Result bad = run("silence", "cli-host", "--for", "soon", "--reason", "x");
        assertEquals(ExitCode.USAGE, bad.code());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertTrue(bad.err().contains("--for 'soon' is not a duration"), bad.err());
        assertEquals(ExitCode.USAGE, run("silence", "cli-host").code());
        assertEquals(ExitCode.NOT_FOUND, run("silence", "nobody", "--for", "2h", "--reason", "x").code());
        assertEquals(ExitCode.NOT_FOUND, run("silence", "cli-host", "--pack", "no-such-pack", "--for", "2h", "--reason", "x").code());

        Cli.Result made = run("silence", "cli-host", "--for", "2h", "--reason", "kernel upgrade", "--json");
        assertEquals(ExitCode.OK, made.code(), made.all());
        String id = Output.JSON.readTree(made.out()).get("id").asText();
        Cli.Result list = run("silence", "list");
        assertTrue(list.out().contains(id) && list.out().contains("kernel upgrade"), list.out());
        Cli.Result check = run("check");
        assertEquals(ExitCode.OK, check.code(), check.all());

        assertEquals(ExitCode.OK, run("silence", "remove", id).code());
        assertTrue(run("silence", "list").out().contains("no silence holds now"));
        assertTrue(run("silence", "list", "--all").out().contains(id));
        assertEquals(ExitCode.NOT_FOUND, run("silence", "remove", "silence-nope").code());
    }

    @Test
    void checkOfAHostWithoutPacksIsRefused() {
        Cli.Result r = run("check", "--host", "cli-host");
        assertEquals(ExitCode.REFUSED, r.code(), r.all());
        assertTrue(r.err().contains("no packs are assigned to host cli-host"), r.err());
        Cli.Result none = run("check");
        assertEquals(ExitCode.OK, none.code());
        assertTrue(none.out().contains("no host has packs assigned"), none.out());
    }
}
