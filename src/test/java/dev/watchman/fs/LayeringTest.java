package dev.watchman.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Package imports that must not exist, read from the sources (no ArchUnit here): the filesystem
 * layer sits below every feature, and audit uses pack, never the other way round.
 */
class LayeringTest {
    private static final Path MAIN = Path.of("src/main/java/dev/watchman");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.watchman\\.(\\w+)\\.", Pattern.MULTILINE);

    private static List<String> imports(String pkg, List<String> forbidden) throws IOException {
        try (Stream<Path> files = Files.list(MAIN.resolve(pkg))) {
            return files.filter(f -> f.toString().endsWith(".java")).flatMap(f -> {
                try {
                    Matcher m = IMPORT.matcher(Files.readString(f));
                    return m.results().map(r -> r.group(1)).filter(forbidden::contains)
                            .map(p -> f.getFileName() + " imports " + p).toList().stream();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sorted().toList();
        }
    }

    @Test
    void theFilesystemLayerImportsNoFeature() throws IOException {
        try (Stream<Path> dirs = Files.list(MAIN)) {
            List<String> features = dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString())
                    .filter(n -> !n.equals("fs")).toList();
            assertEquals(List.of(), imports("fs", features));
        }
    }

    @Test
    void packDoesNotImportAudit() throws IOException {
        assertEquals(List.of(), imports("pack", List.of("audit")));
    }
}
