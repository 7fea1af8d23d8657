package dev.watchman.pack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/** Copies a fixture tree into a temp dir with known modes: git keeps neither modes nor owners. */
final class PackFixtures {
    private PackFixtures() {
    }

    static Path resource(String rel) {
        try {
            return Path.of(PackFixtures.class.getResource("/" + rel).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The repository's packs/ directory (tests run from the project root). */
    static Path shippedPacks() {
        return Path.of("packs").toAbsolutePath();
    }

    static Path copyTree(String fixture, Path target) throws IOException {
        Path src = resource("fixtures/pack/" + fixture);
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : s.toList()) {
                Path dst = target.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dst);
                    Files.setPosixFilePermissions(dst, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else {
                    Files.copy(p, dst);
                    Files.setPosixFilePermissions(dst, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
        // Not running as root: the files belong to us, so let "root" in the fixture's account
        // databases name our ids. As root (the usual case here) this changes nothing.
        int uid = uid(target);
        int gid = (Integer) Files.getAttribute(target, "unix:gid");
        rewrite(target.resolve("etc/passwd"), "root:x:0:0:", "root:x:" + uid + ":" + gid + ":");
        rewrite(target.resolve("etc/group"), "root:x:0:", "root:x:" + gid + ":");
        return target;
    }

    static int uid(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:uid");
    }

    static void chmod(Path root, String rel, String perms) {
        try {
            Files.setPosixFilePermissions(root.resolve(rel), PosixFilePermissions.fromString(perms));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void rewrite(Path file, String from, String to) throws IOException {
        if (Files.exists(file)) {
            Files.writeString(file, Files.readString(file).replace(from, to));
        }
    }
}
