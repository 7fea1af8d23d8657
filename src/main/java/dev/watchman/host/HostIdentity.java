package dev.watchman.host;

import dev.watchman.config.Config;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Who this machine is. The id is stable: /etc/machine-id unless the config overrides it. */
public record HostIdentity(String id, String name, String machineId, String os, String kernel) {

    public static HostIdentity detect(Config.Host config) {
        return detect(config, Path.of("/"));
    }

    /** {@code fsRoot} lets tests point at a fixture instead of the real /etc and /proc. */
    static HostIdentity detect(Config.Host config, Path fsRoot) {
        String machineId = firstLine(fsRoot.resolve("etc/machine-id"));
        if (machineId == null) {
            machineId = firstLine(fsRoot.resolve("var/lib/dbus/machine-id"));
        }
        String hostname = firstLine(fsRoot.resolve("proc/sys/kernel/hostname"));
        if (hostname == null) {
            hostname = firstLine(fsRoot.resolve("etc/hostname"));
        }
        if (hostname == null) {
            hostname = System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
        String name = config.name() != null ? config.name() : hostname;
        String id = config.id() != null ? config.id() : machineId != null ? machineId : "host-" + name;
        String kernel = firstLine(fsRoot.resolve("proc/sys/kernel/osrelease"));
        if (kernel == null) {
            kernel = System.getProperty("os.version");
        }
        return new HostIdentity(id, name, machineId, osName(fsRoot), kernel);
    }

    private static String osName(Path fsRoot) {
        try {
            for (String line : Files.readAllLines(fsRoot.resolve("etc/os-release"), StandardCharsets.UTF_8)) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring("PRETTY_NAME=".length()).replaceAll("^\"|\"$", "");
                }
            }
        } catch (IOException | RuntimeException e) {
            // Fall through: not every system has os-release (containers, BSDs).
        }
        return System.getProperty("os.name").toLowerCase(Locale.ROOT);
    }

    private static String firstLine(Path p) {
        try {
            String s = Files.readString(p, StandardCharsets.UTF_8).strip();
            int nl = s.indexOf('\n');
            s = nl < 0 ? s : s.substring(0, nl);
            return s.isEmpty() ? null : s;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
