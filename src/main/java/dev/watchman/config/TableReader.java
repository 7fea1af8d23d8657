package dev.watchman.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Typed access to the tree with errors that name the file, line and key. */
final class TableReader {
    private final Path file;
    private final String[] lines;

    TableReader(Path file, String text) {
        this.file = file;
        this.lines = text.split("\n", -1);
    }

    void checkKeys(ObjectNode node, String table) {
        Set<String> known = ConfigLoader.KEYS.get(table);
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (!known.contains(key)) {
                String where = table.isEmpty() ? "top level" : "[" + table + "]";
                throw badKey(table, key, "unknown key in " + where + "; known keys: "
                        + String.join(", ", new java.util.TreeSet<>(known)));
            }
        }
    }

    ObjectNode table(ObjectNode root, String name) {
        JsonNode n = root.get(name);
        if (n == null) {
            return new TomlMapper().createObjectNode();
        }
        if (!n.isObject()) {
            throw badKey("", name, "must be a table ([" + name + "])");
        }
        checkKeys((ObjectNode) n, name);
        return (ObjectNode) n;
    }

    List<ObjectNode> tables(ObjectNode parent, String parentName, String name) {
        JsonNode n = parent.get(name);
        String full = parentName + "." + name;
        if (n == null) {
            return List.of();
        }
        if (!n.isArray()) {
            throw badKey(parentName, name, "must be an array of tables ([[" + full + "]])");
        }
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isObject()) {
                throw badKey(parentName, name, "must be an array of tables ([[" + full + "]])");
            }
            checkKeys((ObjectNode) e, full);
            out.add((ObjectNode) e);
        }
        return out;
    }

    String string(ObjectNode n, String table, String key, String dflt) {
        JsonNode v = n.get(key);
        if (v == null) {
            return dflt;
        }
        if (!v.isTextual()) {
            throw badKey(table, key, "must be a string, got " + kind(v));
        }
        return v.asText();
    }

    String required(ObjectNode n, String table, String key) {
        String v = string(n, table, key, null);
        if (v == null || v.isBlank()) {
            throw badKey(table, key, "is required");
        }
        return v;
    }

    Path path(ObjectNode n, String table, String key, Path dflt) {
        String v = string(n, table, key, null);
        if (v == null) {
            return dflt;
        }
        if (v.isBlank()) {
            throw badKey(table, key, "must not be empty");
        }
        try {
            if (v.startsWith("~/")) {
                return Path.of(System.getProperty("user.home")).resolve(v.substring(2));
            }
            return Path.of(v);
        } catch (InvalidPathException e) {
            throw badKey(table, key, "'" + v + "' is not a usable path");
        }
    }

    int port(ObjectNode n, String table, String key, int dflt) {
        return integer(n, table, key, dflt, 1, 65_535);
    }

    int integer(ObjectNode n, String table, String key, int dflt, int min, int max) {
        JsonNode v = n.get(key);
        if (v == null) {
            return dflt;
        }
        if (!v.isIntegralNumber()) {
            throw badKey(table, key, "must be an integer, got " + kind(v));
        }
        long l = v.asLong();
        if (l < min || l > max) {
            throw badKey(table, key, l + " is out of range " + min + ".." + max);
        }
        return (int) l;
    }

    boolean bool(ObjectNode n, String table, String key, boolean dflt) {
        JsonNode v = n.get(key);
        if (v == null) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw badKey(table, key, "must be true or false, got " + kind(v));
        }
        return v.asBoolean();
    }

    List<String> strings(ObjectNode n, String table, String key, List<String> dflt) {
        JsonNode v = n.get(key);
        if (v == null) {
            return dflt;
        }
        if (!v.isArray()) {
            throw badKey(table, key, "must be an array of strings, got " + kind(v));
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw badKey(table, key, "must be an array of strings, found " + kind(e));
            }
            out.add(e.asText());
        }
        return List.copyOf(out);
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
        return v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

    WatchmanException badKey(String table, String key, String problem) {
        return badKey(table, key, 0, problem);
    }

    /** As {@link #badKey(String, String, String)} in the {@code index}-th (from 0) [[table]] of an array. */
    WatchmanException badKey(String table, String key, int index, String problem) {
        String dotted = table.isEmpty() ? key : table + "." + key;
        int line = locate(table, key, index);
        return new WatchmanException(ExitCode.USAGE, "config " + file + (line > 0 ? " line " + line : "")
                + ": key '" + dotted + "' " + problem);
    }

    /** Finds the line of {@code key = …} inside the index-th {@code [table]}; -1 when it is not written. */
    private int locate(String table, String key, int index) {
        String current = "";
        int seen = table.isEmpty() ? 0 : -1;
        java.util.regex.Pattern keyLine = java.util.regex.Pattern.compile(
                "^\\s*\"?" + java.util.regex.Pattern.quote(key) + "\"?\\s*=");
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].trim();
            if (l.startsWith("[")) {
                current = l.replaceAll("^\\[+\\s*|\\s*]+.*$", "");
                if (table.isEmpty() && current.equals(key)) {
                    return i + 1;
                }
                if (current.equals(table)) {
                    seen++;
                }
                continue;
            }
            if (current.equals(table) && seen == index && keyLine.matcher(lines[i]).find()) {
                return i + 1;
            }
        }
        return -1;
    }
}
