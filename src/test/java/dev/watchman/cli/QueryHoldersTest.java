package dev.watchman.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every class that names Cypher files is checked at start-up, so a missing file fails there. */
class QueryHoldersTest {
    @Test
    void everyClassUsingQueryOfIsAHolder() throws IOException {
        Path src = Path.of("src/main/java");
        List<String> holders = List.of(QueryHolders.HOLDERS);
        try (Stream<Path> files = Files.walk(src)) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                String text = Files.readString(p);
                if (text.contains("Query.of(\"") && !p.endsWith("Query.java")) {
                    String cls = src.relativize(p).toString().replace('/', '.').replaceAll("\\.java$", "");
                    assertTrue(holders.contains(cls), cls + " uses Query.of but is not in QueryHolders.HOLDERS");
                }
            }
        }
        QueryHolders.verify();
    }
}
