package dev.watchman.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One table of the config file, read through typed getters that return a default when the key is
 * absent. Every problem is one line naming the file, the line (when the key is written), the dotted
 * key and what to do, with exit code {@link ExitCode#USAGE}: {@code config FILE line 3: key
 * 'neo4j.bolt_prot' unknown key in [neo4j]; known keys: ...}.
 *
 * <p>A table parser opens its table from the top level with {@link #table(String, Set)}, which
 * refuses keys it does not list, so typos never go unnoticed. The top level's own keys are checked
 * last, by {@link #rejectUnknownKeys(Set)}: the tables opened from it plus the plain keys named there.
 */
final class TableReader {
    private final Path file;
    private final String[] lines;
    private final ObjectNode node;
    /** Dotted name: "" for the top level, "neo4j", "audit.rule". */
    private final String name;
    /** Which {@code [[name]]} of its array this table is, from 0; 0 for a plain table. */
    private final int index;
    /** The tables opened from this one, which are therefore known keys of it. */
    private final Set<String> opened = new LinkedHashSet<>();

    private TableReader(Path file, String[] lines, ObjectNode node, String name, int index) {
        this.file = file;
        this.lines = lines;
        this.node = node;
        this.name = name;
        this.index = index;
    }

    /** The top level of {@code root}, parsed from {@code text}, which was read from {@code file}. */
    static TableReader topLevel(Path file, String text, ObjectNode root) {
        return new TableReader(file, text.split("\n", -1), root, "", 0);
    }

    /** The table {@code [key]} under this one (empty when absent), with exactly the keys {@code known} or fewer. */
    TableReader table(String key, Set<String> known) {
        opened.add(key);
        JsonNode n = node.get(key);
        if (n == null) {
            return child(JsonNodeFactory.instance.objectNode(), key, 0);
        }
        if (!n.isObject()) {
            throw bad(key, "must be a table ([" + dotted(key) + "])");
        }
        return child((ObjectNode) n, key, 0).checkKeys(known);
    }

    /** The array of tables {@code [[key]]} under this one, each with exactly the keys {@code known} or fewer. */
    List<TableReader> tables(String key, Set<String> known) {
        opened.add(key);
        JsonNode n = node.get(key);
        if (n == null) {
            return List.of();
        }
        String problem = "must be an array of tables ([[" + dotted(key) + "]])";
        if (!n.isArray()) {
            throw bad(key, problem);
        }
        List<TableReader> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isObject()) {
                throw bad(key, problem);
            }
            out.add(child((ObjectNode) e, key, out.size()).checkKeys(known));
        }
        return out;
    }

    /** Refuses any key but {@code plain} and the tables opened so far; for the top level, after its tables. */
    void rejectUnknownKeys(Set<String> plain) {
        Set<String> known = new TreeSet<>(plain);
        known.addAll(opened);
        checkKeys(known);
    }

    private TableReader checkKeys(Set<String> known) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (!known.contains(key)) {
                String where = name.isEmpty() ? "top level" : "[" + name + "]";
                throw bad(key, "unknown key in " + where + "; known keys: " + String.join(", ", new TreeSet<>(known)));
            }
        }
        return this;
    }

    boolean has(String key) {
        return node.has(key);
    }

    String string(String key, String dflt) {
        JsonNode v = node.get(key);
        if (v == null) {
            return dflt;
        }
        if (!v.isTextual()) {
            throw bad(key, "must be a string, got " + kind(v));
        }
        return v.asText();
    }

    /** The string, or null when it is absent or blank. */
    String stringOrNull(String key) {
        String v = string(key, null);
        return v == null || v.isBlank() ? null : v;
    }

    String required(String key) {
        String v = string(key, null);
        if (v == null || v.isBlank()) {
            throw bad(key, "is required");
        }
        return v;
    }

    /** A path; {@code ~/} at the start means the user's home. */
    Path path(String key, Path dflt) {
        String v = string(key, null);
        if (v == null) {
            return dflt;
        }
        if (v.isBlank()) {
            throw bad(key, "must not be empty");
        }
        try {
            if (v.startsWith("~/")) {
                return Path.of(System.getProperty("user.home")).resolve(v.substring(2));
            }
            return Path.of(v);
        } catch (InvalidPathException e) {
            throw bad(key, "'" + v + "' is not a usable path");
        }
    }

    int port(String key, int dflt) {
        return integer(key, dflt, 1, 65_535);
    }

    int integer(String key, int dflt, int min, int max) {
        JsonNode v = node.get(key);
        if (v == null) {
            return dflt;
        }
        if (!v.isIntegralNumber()) {
            throw bad(key, "must be an integer, got " + kind(v));
        }
        long l = v.asLong();
        if (l < min || l > max) {
            throw bad(key, l + " is out of range " + min + ".." + max);
        }
        return (int) l;
    }

    boolean bool(String key, boolean dflt) {
        JsonNode v = node.get(key);
        if (v == null) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw bad(key, "must be true or false, got " + kind(v));
        }
        return v.asBoolean();
    }

    List<String> strings(String key, List<String> dflt) {
        JsonNode v = node.get(key);
        if (v == null) {
            return dflt;
        }
        if (!v.isArray()) {
            throw bad(key, "must be an array of strings, got " + kind(v));
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw bad(key, "must be an array of strings, found " + kind(e));
            }
            out.add(e.asText());
        }
        return List.copyOf(out);
    }

    /**
     * The one-line error for {@code key} of this table: {@code config FILE line N: key 'table.key' problem}.
     * {@code problem} says what is wrong and how to fix it; the line is left out when the key is not written.
     */
    WatchmanException bad(String key, String problem) {
        int line = locate(key);
        return new WatchmanException(ExitCode.USAGE, "config " + file + (line > 0 ? " line " + line : "")
                + ": key '" + dotted(key) + "' " + problem);
    }

    private TableReader child(ObjectNode n, String key, int at) {
        return new TableReader(file, lines, n, dotted(key), at);
    }

    private String dotted(String key) {
        return name.isEmpty() ? key : name + "." + key;
    }

    /**
     * The line of {@code key = ...} inside the index-th {@code [name]} (at the top level, also of a
     * {@code [key]} header); -1 when it is not written.
     */
    private int locate(String key) {
        String current = "";
        int seen = name.isEmpty() ? 0 : -1;
        Pattern keyLine = Pattern.compile("^\\s*\"?" + Pattern.quote(key) + "\"?\\s*=");
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].trim();
            if (l.startsWith("[")) {
                current = l.replaceAll("^\\[+\\s*|\\s*]+.*$", "");
                if (name.isEmpty() && current.equals(key)) {
                    return i + 1;
                }
                if (current.equals(name)) {
                    seen++;
                }
                continue;
            }
            if (current.equals(name) && seen == index && keyLine.matcher(lines[i]).find()) {
                return i + 1;
            }
        }
        return -1;
    }

    private static String kind(JsonNode v) {
        if (v.isTextual()) {
            return "a string";
        }
        if (v.isIntegralNumber()) {
            return "an integer";
        }
        if (v.isNumber()) {
            return "a number";
        }
        if (v.isBoolean()) {
            return "a boolean";
        }
        if (v.isArray()) {
            return "an array";
        }
        if (v.isObject()) {
            return "a table";
        }
        return v.getNodeType().toString().toLowerCase(Locale.ROOT);
    }
}
