package dev.watchman.query;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import dev.watchman.graph.Cypher;
import dev.watchman.change.ChangeQuery;
import dev.watchman.graph.Graph;
import dev.watchman.graph.Query;
import dev.watchman.graph.Table;
import dev.watchman.graph.Times;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Read-only questions: ad-hoc Cypher from the user, or a saved question from
 * {@code cypher/queries/} by name. Both run in a read transaction the server refuses to write in.
 */
public final class QueryService {
    static final String SAVED = "queries/";
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    /**
     * What a saved question's {@code // Refers: $param -> Label.key} header may name: the statement
     * that checks the entity exists, and where the user finds valid values.
     */
    record Reference(Query exists, String hint) {
    }

    static final Map<String, Reference> REFERENCES = Map.of(
            "Snapshot.id", new Reference(Query.of("query/snapshot-exists"), "list them with: watchman snapshots"),
            "ConfigFile.path", new Reference(Query.of("query/file-exists"),
                    "give the absolute path as recorded, e.g. /etc/ssh/sshd_config"),
            "Pack.name", new Reference(Query.of("query/pack-exists"),
                    "a pack is recorded once assigned or checked; see watchman packs list"));
    private static final Pattern REFERS = Pattern.compile("\\$(\\w+)\\s*->\\s*(\\w+\\.\\w+)");
    private static final Pattern PARAM = Pattern.compile("\\$(\\w+)");

    /** A saved question: its name, the plain-words question, parameters and columns from its header. */
    public record Saved(String name, String question, String parameters, String columns) {
        /** The column names of the {@code // Columns:} header, without their notes in parentheses. */
        public List<String> columnNames() {
            String bare = columns.replaceAll("\\([^)]*\\)", "").strip();
            if (bare.endsWith(".")) {
                bare = bare.substring(0, bare.length() - 1);
            }
            return java.util.Arrays.stream(bare.split(",")).map(String::strip).filter(c -> !c.isEmpty()).toList();
        }
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
        return table(nameOrCypher, params).rows();
    }

    /** As {@link #run}, with the column names. */
    public Table table(String nameOrCypher, Map<String, Object> params) {
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
        Map<String, Object> p = isSaved(nameOrCypher) ? checked(stripPrefix(nameOrCypher), cypher, params) : params;
        return graph.readOnlyTable(cypher, p, TIMEOUT);
    }

    /**
     * A saved question's parameters as its header declares them: {@code // Times: $since} are
     * times (24h, 7d, a date, an ISO date-time) and {@code // Refers: $snapshotId -> Snapshot.id}
     * must name an entity that exists (exit 4 otherwise, before the question runs: "no rows" would
     * not tell a typo from an empty answer).
     */
    Map<String, Object> checked(String name, String text, Map<String, Object> params) {
        Map<String, Object> out = new LinkedHashMap<>(params);
        for (String p : times(text)) {
            Object v = out.get(p);
            if (v != null) {
                Instant t = ChangeQuery.parseTime(String.valueOf(v), Clock.systemDefaultZone(), "parameter " + p);
                out.put(p, Times.utc(t));
            }
        }
        for (Map.Entry<String, String> r : references(text).entrySet()) {
            Object v = out.get(r.getKey());
            if (v == null) {
                continue; // a missing parameter is Neo4j's to report, naming it
            }
            String value = String.valueOf(v); // keys are strings, even when they look like numbers
            out.put(r.getKey(), value);
            Reference ref = REFERENCES.get(r.getValue());
            List<Map<String, Object>> rows = graph.read(ref.exists(), Map.of("value", value));
            if (rows.isEmpty() || !Boolean.TRUE.equals(rows.get(0).get("found"))) {
                String label = r.getValue().substring(0, r.getValue().indexOf('.'));
                throw new WatchmanException(ExitCode.NOT_FOUND, "saved question " + name + ": parameter "
                        + r.getKey() + " = '" + value + "' names no " + label + " in the graph; " + ref.hint());
            }
        }
        return out;
    }

    /** {@code $param -> Label.key} pairs of the {@code // Refers:} header; an unknown target is a bug. */
    static Map<String, String> references(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = REFERS.matcher(header(text, "Refers"));
        while (m.find()) {
            if (!REFERENCES.containsKey(m.group(2))) {
                throw new IllegalStateException("saved question refers to " + m.group(2) + ", which has no check; "
                        + "known: " + new java.util.TreeSet<>(REFERENCES.keySet()));
            }
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    /** Parameters of the {@code // Times:} header. */
    static List<String> times(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = PARAM.matcher(header(text, "Times"));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
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
