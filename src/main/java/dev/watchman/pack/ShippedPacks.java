package dev.watchman.pack;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The packs built into the jar (the repository's {@code packs/} directory, packaged as classpath
 * {@code packs/*.toml}). Listed from the jar itself rather than from a fixed list of names, so a
 * pack added to {@code packs/} ships without a code change.
 */
final class ShippedPacks {
    private static final String DIR = "packs/";

    private ShippedPacks() {
    }

    /** One shipped pack file: its name in packs/ and its bytes. */
    record File(String name, byte[] bytes) {
    }

    static List<Pack> load() {
        List<Pack> out = new ArrayList<>();
        for (File f : files()) {
            out.add(PackLoader.parse("jar:" + DIR + f.name(), f.bytes()));
        }
        return out;
    }

    /** The packs/*.toml files as shipped, sorted by name. */
    static List<File> files() {
        List<File> out = new ArrayList<>();
        try {
            Path location = Path.of(ShippedPacks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                Path dir = location.resolve(DIR);
                if (Files.isDirectory(dir)) {
                    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.toml")) {
                        for (Path p : s) {
                            out.add(new File(p.getFileName().toString(), Files.readAllBytes(p)));
                        }
                    }
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                        JarEntry entry = e.nextElement();
                        String n = entry.getName();
                        if (n.startsWith(DIR) && n.endsWith(".toml") && n.indexOf('/', DIR.length()) < 0) {
                            try (InputStream in = jar.getInputStream(entry)) {
                                out.add(new File(n.substring(DIR.length()), in.readAllBytes()));
                            }
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new WatchmanException(ExitCode.INTERNAL, "cannot read the packs shipped in the jar: " + e.getMessage(), e);
        }
        out.sort(java.util.Comparator.comparing(File::name));
        return out;
    }
}
