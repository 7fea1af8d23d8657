package dev.watchman.query;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import dev.watchman.graph.Cypher;
import dev.watchman.graph.Graph;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Read-only questions: ad-hoc Cypher from the user, or a saved question from
 * {@code cypher/queries/} by name. Both run in a read transaction the server refuses to write in.
 */
public final class QueryService {
    static final String SAVED = "queries/";
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** A saved question: its name, the plain-words question, parameters and columns from its header. */
    public record Saved(String name, String question, String parameters, String columns) {
    }

    private final Graph graph;

    public QueryService(Graph graph) {
        this.graph = graph;
    }

    public static List<Saved> saved() {
        List<Saved> out = new ArrayList<>();
        Cypher.all().forEach((name, text) -> {
            if (name.startsWith(SAVED)) {
                out.add(new Saved(name.substring(SAVED.length()), header(text, "Question"),
                        header(text, "Parameters"), header(text, "Columns")));
            }
        });
        return out;
    }

    /** True when {@code nameOrCypher} names a saved question rather than being Cypher itself. */
    public static boolean isSaved(String nameOrCypher) {
        return Cypher.all().containsKey(SAVED + stripPrefix(nameOrCypher));
    }

    public List<Map<String, Object>> run(String nameOrCypher, Map<String, Object> params) {
        if (!isSaved(nameOrCypher) && nameOrCypher.strip().matches("[a-z][a-z0-9-]*")) {
            // One bare word is a name, not Cypher: say so instead of passing Neo4j's syntax error on.
            throw new WatchmanException(ExitCode.NOT_FOUND, "no saved question '" + nameOrCypher.strip()
                    + "'; list them with: watchman query --list");
        }
        String cypher = isSaved(nameOrCypher) ? Cypher.text(SAVED + stripPrefix(nameOrCypher)) : nameOrCypher;
        if (cypher.isBlank()) {
            throw new WatchmanException(ExitCode.USAGE, "empty query; give Cypher or a saved question name "
                    + "(watchman query --list)");
        }
        return graph.readOnly(cypher, params, TIMEOUT);
    }

    /** Parses {@code k=v}: integers, decimals, true/false and null are typed; anything else is a string. */
    public static Map<String, Object> parseParams(List<String> pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String p : pairs) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new WatchmanException(ExitCode.USAGE, "--param '" + p + "' is not key=value");
            }
            String v = p.substring(eq + 1);
            Object value;
            if (v.matches("-?\\d{1,18}")) {
                value = Long.parseLong(v);
            } else if (v.matches("-?\\d+\\.\\d+")) {
                value = Double.parseDouble(v);
            } else if (v.equals("true") || v.equals("false")) {
                value = Boolean.parseBoolean(v);
            } else if (v.equals("null")) {
                value = null;
            } else {
                value = v;
            }
            out.put(p.substring(0, eq), value);
        }
        return out;
    }

    private static String stripPrefix(String name) {
        String n = name.strip();
        return n.startsWith(SAVED) ? n.substring(SAVED.length()) : n;
    }

    private static String header(String text, String field) {
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.startsWith("// " + field + ":")) {
                return l.substring(("// " + field + ":").length()).strip();
            }
        }
        return "";
    }
}
