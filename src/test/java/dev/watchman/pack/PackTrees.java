package dev.watchman.pack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A tiny host tree and two packs over it: app-good passes on it, app-bad fails two rules. */
public final class PackTrees {
    static final String GOOD = """
            name = "app-good"
            version = "%s"
            description = "passes on the fixture tree"

            [[rule]]
            id = "app-present"
            type = "file_required"
            path = "/etc/app.conf"

            [[rule]]
            id = "app-mode"
            type = "max_permissions"
            path = "/etc/app.conf"
            max_mode = "0640"

            [[rule]]
            id = "app-root-login"
            type = "line_required"
            path = "/etc/app.conf"
            pattern = "^PermitRootLogin no$"

            [[rule]]
            id = "no-hosts-equiv"
            type = "file_forbidden"
            path = "/etc/hosts.equiv"
            """;
    static final String BAD = """
            name = "app-bad"
            version = "2.0.0"

            [[rule]]
            id = "app-mode"
            type = "mode"
            path = "/etc/app.conf"
            mode = "0644"
            severity = "high"
            description = "the monitoring agent reads it"

            [[rule]]
            id = "app-extra"
            type = "file_required"
            path = "/etc/app-extra.conf"
            """;

    private PackTrees() {
    }

    /** {@code target/etc/app.conf}, mode 0600, with a root-login line and no secrets. */
    public static Path root(Path target) throws IOException {
        Path etc = Files.createDirectories(target.resolve("etc"));
        Path app = Files.writeString(etc.resolve("app.conf"), "# app\nPermitRootLogin no\nlisten = 8080\n");
        Files.setPosixFilePermissions(app, PosixFilePermissions.fromString("rw-------"));
        return target;
    }

    public static void writePacks(Path dir) throws IOException {
        Files.createDirectories(dir);
        writeGood(dir, "1.0.0");
        Files.writeString(dir.resolve("app-bad.toml"), BAD);
    }

    public static void writeGood(Path dir, String version) throws IOException {
        Files.writeString(dir.resolve("app-good.toml"), GOOD.formatted(version));
    }
}
