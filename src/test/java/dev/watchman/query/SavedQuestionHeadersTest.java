package dev.watchman.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.watchman.graph.Cypher;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The parameter declarations in saved questions' headers, which are checked before a question runs. */
class SavedQuestionHeadersTest {
    @Test
    void everyDeclaredParameterIsUsedAndEveryCheckIsNeeded() {
        Set<String> used = new HashSet<>();
        for (QueryService.Saved s : QueryService.saved()) {
            String text = Cypher.text(QueryService.SAVED + s.name());
            Map<String, String> refs = QueryService.references(text); // an unknown target throws
            for (String p : refs.keySet()) {
                assertTrue(body(text).contains("$" + p), s.name() + " declares $" + p + " but does not use it");
            }
            for (String p : QueryService.times(text)) {
                assertTrue(body(text).contains("$" + p), s.name() + " declares time $" + p + " but does not use it");
            }
            used.addAll(refs.values());
        }
        assertEquals(QueryService.REFERENCES.keySet(), used, "each existence check serves a saved question");
        assertEquals(List.of("since"), QueryService.times(Cypher.text("queries/changes-since")));
        assertEquals(Map.of("snapshotId", "Snapshot.id", "path", "ConfigFile.path"),
                QueryService.references(Cypher.text("queries/file-at-snapshot")));
    }

    @Test
    void aReferenceWithoutACheckIsABug() {
        assertThrows(IllegalStateException.class,
                () -> QueryService.references("// Refers: $x -> Alert.id\nRETURN $x"));
    }

    private static String body(String text) {
        return String.join("\n", text.lines().filter(l -> !l.strip().startsWith("//")).toList());
    }
}
