package dev.watchman.alert;

import dev.watchman.MutableClock;
import dev.watchman.app.Application;
import dev.watchman.cli.Cli;
import dev.watchman.config.Config;
import dev.watchman.config.ConfigLoader;
import dev.watchman.graph.Backend;
import dev.watchman.host.HostIdentity;
import dev.watchman.pack.PackTrees;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;

/**
 * A host tree that passes pack app-good, the packs, a config for the shared test graph with
 * [packs] root on the tree, and an {@link Application} on a {@link MutableClock}.
 */
public final class AlertFixture implements AutoCloseable {
    public static final String HOST = "drift-host";
    final Path dir;
    public final Path root;
    final Path config;
    public final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T06:00:00Z"));
    public final Application app;

    public AlertFixture(Path dir, String extraToml) throws IOException {
        this.dir = dir;
        this.root = PackTrees.root(dir.resolve("tree"));
        PackTrees.writePacks(dir.resolve("packs"));
        this.config = Cli.config(dir, HOST, "[packs]\ndir = \"" + dir.resolve("packs") + "\"\nroot = \"" + root
                + "\"\n" + extraToml);
        Config c = new ConfigLoader(Map.of()).load(config);
        this.app = Application.open(c, Backend.forCommand(c, new PrintStream(System.err, true)),
                HostIdentity.detect(c.host()), clock);
    }

    public void assign(String pack) {
        app.packs().assign(HOST, pack);
    }

    /** Breaks app-good's max_permissions rule. */
    public void breakMode() throws IOException {
        Files.setPosixFilePermissions(root.resolve("etc/app.conf"), PosixFilePermissions.fromString("rw-rw-rw-"));
    }

    /** Mends it. */
    void fixMode() throws IOException {
        Files.setPosixFilePermissions(root.resolve("etc/app.conf"), PosixFilePermissions.fromString("rw-------"));
    }

    /** Breaks app-good's line rule too. */
    void breakLine() throws IOException {
        Files.writeString(root.resolve("etc/app.conf"), "# app\nlisten = 8080\n");
    }

    /** The tree as PackTrees made it: app-good passes again. */
    void restore() throws IOException {
        PackTrees.root(dir.resolve("tree"));
    }

    public CheckReport check() {
        clock.advance(java.time.Duration.ofDays(1));
        return app.alerts().check(null, "manual");
    }

    @Override
    public void close() {
        app.close();
    }
}
