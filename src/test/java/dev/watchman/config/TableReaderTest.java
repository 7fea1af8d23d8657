package dev.watchman.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The exact one-line errors a table parser gets from its reader: file, line, dotted key, what to do. */
class TableReaderTest {
    private static final Path FILE = Path.of("/etc/watchman/w.toml");

    private static TableReader top(String toml) throws Exception {
        return TableReader.topLevel(FILE, toml, (ObjectNode) new TomlMapper().readTree(toml));
    }

    private static String message(org.junit.jupiter.api.function.Executable parse) {
        WatchmanException e = assertThrows(WatchmanException.class, parse);
        assertEquals(ExitCode.USAGE, e.exitCode());
        return e.getMessage();
    }

    @Test
    void anUnknownKeyInATableNamesFileLineKeyAndTheKnownKeys() throws Exception {
        TableReader top = top("[neo4j]\nheap = \"1g\"\n\n[api]\nbind = \"127.0.0.1\"\nprot = 7480\n");
        assertEquals("config /etc/watchman/w.toml line 6: key 'api.prot' unknown key in [api]; known keys: bind,"
                + " enabled, port, public_url", message(() -> ApiTable.parse(top)));
    }

    @Test
    void theTopLevelKnowsTheTablesOpenedFromItAndItsPlainKeys() throws Exception {
        TableReader top = top("data_dir = \"/d\"\n[api]\nport = 1\n[wacth]\npaths = []\n");
        top.table("api", Set.of("port"));
        top.table("watch", Set.of("paths"));
        assertEquals("config /etc/watchman/w.toml line 4: key 'wacth' unknown key in top level; known keys: api,"
                + " data_dir, watch", message(() -> top.rejectUnknownKeys(Set.of("data_dir"))));
        top("data_dir = \"/d\"\n").rejectUnknownKeys(Set.of("data_dir"));
    }

    @Test
    void wrongShapesAndTypesSayWhatIsExpected() throws Exception {
        assertEquals("config /etc/watchman/w.toml line 1: key 'api' must be a table ([api])",
                message(() -> top("api = 3\n").table("api", Set.of())));
        assertEquals("config /etc/watchman/w.toml line 2: key 'audit.rule' must be an array of tables ([[audit.rule]])",
                message(() -> top("[audit]\nrule = \"x\"\n").table("audit", Set.of("rule")).tables("rule", Set.of())));
        TableReader w = top("[watch]\ninterval_seconds = 2.5\nexclude = [\"a\", 1]\n").table("watch",
                Set.of("interval_seconds", "exclude"));
        assertEquals("config /etc/watchman/w.toml line 2: key 'watch.interval_seconds' must be an integer, got a number",
                message(() -> w.integer("interval_seconds", 5, 1, 10)));
        assertEquals("config /etc/watchman/w.toml line 3: key 'watch.exclude' must be an array of strings, found an"
                + " integer", message(() -> w.strings("exclude", List.of())));
    }

    @Test
    void absentKeysAndTablesGiveTheDefaults() throws Exception {
        TableReader api = top("").table("api", Set.of("port"));
        assertEquals(7480, api.port("port", 7480));
        assertEquals(List.of("x"), api.strings("exclude", List.of("x")));
        assertEquals(List.of(), top("").tables("rule", Set.of()));
        assertEquals(null, top("[host]\nid = \"  \"\n").table("host", Set.of("id")).stringOrNull("id"));
    }
}
