package dev.watchman.graph;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Every statement in {@code cypher/}, loaded once from the jar (or the classes directory) and
 * looked up by name: {@code "snapshot/create"} is {@code cypher/snapshot/create.cypher}.
 * A name that does not exist fails when the class holding it initialises (see {@link Query}).
 */
public final class Cypher {
    private static final String ROOT = "cypher/";
    private static final Map<String, String> ALL = loadAll();

    private Cypher() {
    }

    /** The text of statement {@code name}; throws at once when there is no such file. */
    public static String text(String name) {
        String t = ALL.get(name);
        if (t == null) {
            throw new IllegalStateException("missing Cypher file " + ROOT + name + ".cypher in the jar");
        }
        return t;
    }

    /** All statement names, sorted; for tests and {@code watchman query --list}. */
    public static Map<String, String> all() {
        return ALL;
    }

    private static Map<String, String> loadAll() {
        Map<String, String> out = new TreeMap<>();
        try {
            Path location = Path.of(Cypher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                Path dir = location.resolve("cypher");
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> files = Files.walk(dir)) {
                        for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".cypher"))::iterator) {
                            String rel = dir.relativize(p).toString().replace('\\', '/');
                            out.put(rel.substring(0, rel.length() - ".cypher".length()),
                                    Files.readString(p, StandardCharsets.UTF_8));
                        }
                    }
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                        JarEntry entry = e.nextElement();
                        String n = entry.getName();
                        if (n.startsWith(ROOT) && n.endsWith(".cypher")) {
                            try (InputStream in = jar.getInputStream(entry)) {
                                out.put(n.substring(ROOT.length(), n.length() - ".cypher".length()),
                                        new String(in.readAllBytes(), StandardCharsets.UTF_8));
                            }
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new WatchmanException(ExitCode.INTERNAL, "cannot load the packaged Cypher files: " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new WatchmanException(ExitCode.INTERNAL, "no Cypher files packaged under " + ROOT + "; the build is broken");
        }
        return Collections.unmodifiableMap(out);
    }

    /** Statements of one folder (e.g. {@code schema}), in file-name order. */
    static Map<String, String> folder(String folder) {
        Map<String, String> out = new TreeMap<>();
        ALL.forEach((k, v) -> {
            if (k.startsWith(folder + "/")) {
                out.put(k, v);
            }
        });
        return out;
    }
}
