package dev.watchman.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import dev.watchman.fs.Excludes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the one TOML file, validates every key strictly and applies environment overrides.
 * Any problem is one line naming the file, the line or key, and what to do; exit code 2.
 * Loading never writes anything.
 */
public final class ConfigLoader {
    /** The one set of default excludes, {@link Excludes#DEFAULTS}. */
    public static final List<String> DEFAULT_WATCH_EXCLUDES = Excludes.DEFAULTS;

    /** Known keys per table; a key not listed here is an error, so typos never go unnoticed. */
    private static final Map<String, Set<String>> KEYS = Map.of(
            "", Set.of("data_dir", "neo4j", "api", "host", "snapshot", "watch", "packs", "audit"),
            "neo4j", Set.of("uri", "username", "password", "bolt_port", "http_port", "page_cache",
                    "heap", "database"),
            "api", Set.of("bind", "port", "enabled"),
            "host", Set.of("id", "name"),
            "snapshot", Set.of("exclude"),
            "watch", Set.of("paths", "mode", "interval_seconds", "debounce_ms", "exclude"),
            "packs", Set.of("dir"),
            "audit", Set.of("rule", "allow", "max_file_bytes", "default_allowlist"),
            "audit.rule", Set.of("id", "pattern", "description", "recommendation", "severity"),
            "audit.allow", Set.of("path", "rule"));
    /** As the secret scanner and packs spell them (dev.watchman.audit.Severity, lower-case). */
    private static final List<String> SEVERITIES = List.of("low", "medium", "high", "critical");

    private final Map<String, String> env;
    private final Path home;

    public ConfigLoader(Map<String, String> env) {
        this.env = env;
        this.home = Path.of(System.getProperty("user.home"));
    }

    /** The file used when neither {@code --config} nor WATCHMAN_CONFIG names one. */
    public Path defaultLocation() {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".config");
        return base.resolve("watchman").resolve("watchman.toml");
    }

    /**
     * @param explicit the {@code --config} argument, or null
     */
    public Config load(Path explicit) {
        Path file = explicit;
        boolean mustExist = true;
        if (file == null && env.get("WATCHMAN_CONFIG") != null && !env.get("WATCHMAN_CONFIG").isBlank()) {
            file = Path.of(env.get("WATCHMAN_CONFIG"));
        }
        if (file == null) {
            file = defaultLocation();
            mustExist = false;
        }
        String text = "";
        if (Files.exists(file)) {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw bad(file, "is not a readable file; point --config or WATCHMAN_CONFIG at a TOML file");
            }
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException | java.io.UncheckedIOException e) {
                throw bad(file, "cannot be read (" + e.getMessage() + ")");
            }
        } else if (mustExist) {
            throw bad(file, "does not exist; create it or drop --config/WATCHMAN_CONFIG to use "
                    + defaultLocation());
        }
        return parse(file, text);
    }

    /** Parses and validates {@code text} as if read from {@code file}. */
    public Config parse(Path file, String text) {
        ObjectNode root;
        try {
            JsonNode node = new TomlMapper().readTree(text);
            root = node == null || node.isMissingNode() ? new TomlMapper().createObjectNode() : (ObjectNode) node;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            String msg = e.getOriginalMessage().replaceAll("\\s+", " ");
            throw new WatchmanException(ExitCode.USAGE, "config " + file + (line > 0 ? " line " + line : "")
                    + ": TOML syntax error: " + msg);
        }
        Reader r = new Reader(file, text);
        r.checkKeys(root, "");

        Path dataDir = r.path(root, "", "data_dir", defaultDataDir());
        ObjectNode n = r.table(root, "neo4j");
        String uri = r.string(n, "neo4j", "uri", null);
        String username = r.string(n, "neo4j", "username", "neo4j");
        String password = r.string(n, "neo4j", "password", null);
        if (blank(env.get("NEO4J_URI")) != null) {
            uri = env.get("NEO4J_URI");
        }
        if (blank(env.get("NEO4J_USERNAME")) != null) {
            username = env.get("NEO4J_USERNAME");
        }
        if (env.get("NEO4J_PASSWORD") != null) {
            password = env.get("NEO4J_PASSWORD");
        }
        uri = blank(uri);
        if (uri != null && !uri.matches("^(bolt|bolt\\+s|bolt\\+ssc|neo4j|neo4j\\+s|neo4j\\+ssc)://.+")) {
            throw r.badKey("neo4j", "uri", "'" + uri + "' is not a Bolt URI; use bolt://host:7687 or "
                    + "neo4j://host:7687 (or +s / +ssc for TLS)");
        }
        int boltPort = r.port(n, "neo4j", "bolt_port", 7687);
        int httpPort = r.port(n, "neo4j", "http_port", 7474);
        String pageCache = r.string(n, "neo4j", "page_cache", "256m");
        if (!pageCache.matches("(?i)\\d+[kmg]?")) {
            throw r.badKey("neo4j", "page_cache", "'" + pageCache + "' is not a size; use e.g. \"256m\" or \"1g\"");
        }
        String heap = r.string(n, "neo4j", "heap", "1g");
        if (!heap.matches("(?i)\\d+[kmg]")) {
            throw r.badKey("neo4j", "heap", "'" + heap + "' is not a heap size; use e.g. \"1g\" or \"768m\"");
        }
        String database = r.string(n, "neo4j", "database", null);
        Config.Neo4j neo4j = new Config.Neo4j(uri, username, password, boltPort, httpPort, pageCache, heap, database);

        ObjectNode a = r.table(root, "api");
        Config.Api api = new Config.Api(r.string(a, "api", "bind", "127.0.0.1"), r.port(a, "api", "port", 7480),
                r.bool(a, "api", "enabled", true));

        ObjectNode h = r.table(root, "host");
        String hostId = blank(r.string(h, "host", "id", null));
        if (hostId != null && !hostId.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")) {
            throw r.badKey("host", "id", "'" + hostId + "' must be 1-128 letters, digits, '.', '_', ':' or '-'");
        }
        Config.Host host = new Config.Host(hostId, blank(r.string(h, "host", "name", null)));

        ObjectNode s = r.table(root, "snapshot");
        Config.Snapshot snapshot = new Config.Snapshot(r.strings(s, "snapshot", "exclude", List.of()));

        ObjectNode w = r.table(root, "watch");
        String modeName = r.string(w, "watch", "mode", Config.Watch.Mode.REALTIME.label());
        Config.Watch.Mode mode = Config.Watch.Mode.parse(modeName);
        if (mode == null) {
            throw r.badKey("watch", "mode", "'" + modeName + "' is not a mode; use \"realtime\" or \"poll\"");
        }
        int interval = r.integer(w, "watch", "interval_seconds", 5, 1, 86_400);
        int debounce = r.integer(w, "watch", "debounce_ms", 10, 0, 60_000);
        List<String> watchPaths = r.strings(w, "watch", "paths", List.of());
        Config.Watch watch = new Config.Watch(watchPaths, mode, interval, debounce,
                r.strings(w, "watch", "exclude", DEFAULT_WATCH_EXCLUDES));

        ObjectNode p = r.table(root, "packs");
        Config.Packs packs = new Config.Packs(r.path(p, "packs", "dir", defaultConfigDir().resolve("packs")));

        ObjectNode au = r.table(root, "audit");
        List<Config.Audit.Rule> rules = new ArrayList<>();
        java.util.Set<String> ruleIds = new java.util.HashSet<>();
        List<ObjectNode> ruleTables = r.tables(au, "audit", "rule");
        for (int i = 0; i < ruleTables.size(); i++) {
            ObjectNode rule = ruleTables.get(i);
            String id = r.required(rule, "audit.rule", "id");
            if (!ruleIds.add(id)) {
                throw r.badKey("audit.rule", "id", i, "'" + id + "' is used by an earlier [[audit.rule]]; give each rule its own id");
            }
            String pattern = r.required(rule, "audit.rule", "pattern");
            checkPattern(r, i, id, pattern);
            String severity = r.string(rule, "audit.rule", "severity", null);
            if (severity != null && !SEVERITIES.contains(severity)) {
                throw r.badKey("audit.rule", "severity", i, "'" + severity + "' is not a severity; use one of "
                        + String.join(", ", SEVERITIES));
            }
            rules.add(new Config.Audit.Rule(id, pattern, r.string(rule, "audit.rule", "description", ""),
                    r.string(rule, "audit.rule", "recommendation", null), severity));
        }
        List<Config.Audit.Allow> allow = new ArrayList<>();
        for (ObjectNode al : r.tables(au, "audit", "allow")) {
            allow.add(new Config.Audit.Allow(r.required(al, "audit.allow", "path"), r.required(al, "audit.allow", "rule")));
        }
        long maxBytes = r.integer(au, "audit", "max_file_bytes", (int) Config.Audit.DEFAULT_MAX_FILE_BYTES, 1,
                Integer.MAX_VALUE);
        Config.Audit audit = new Config.Audit(List.copyOf(rules), List.copyOf(allow), maxBytes,
                r.bool(au, "audit", "default_allowlist", true));

        checkDataDir(file, r, dataDir);
        return new Config(file, dataDir, neo4j, api, host, snapshot, watch, packs, audit);
    }

    /** A rule's pattern compiles as the scanner will compile it (RE2, via re2j) and cannot match nothing. */
    private static void checkPattern(Reader r, int index, String id, String pattern) {
        com.google.re2j.Pattern p;
        try {
            p = com.google.re2j.Pattern.compile(pattern);
        } catch (com.google.re2j.PatternSyntaxException e) {
            throw r.badKey("audit.rule", "pattern", index, "of rule '" + id + "' is not a valid RE2 regex: "
                    + e.getMessage().replaceAll("\\s+", " "));
        }
        if (p.matches("")) {
            throw r.badKey("audit.rule", "pattern", index, "of rule '" + id + "' matches the empty string; "
                    + "it would report every line");
        }
    }

    private Path defaultDataDir() {
        String override = blank(env.get("WATCHMAN_DATA_DIR"));
        if (override != null) {
            return Path.of(override);
        }
        String xdg = blank(env.get("XDG_DATA_HOME"));
        Path base = xdg != null ? Path.of(xdg) : home.resolve(".local").resolve("share");
        return base.resolve("watchman");
    }

    private Path defaultConfigDir() {
        return defaultLocation().getParent();
    }

    /** Refuses a data directory that cannot work, without creating it (loading writes nothing). */
    private static void checkDataDir(Path file, Reader r, Path dataDir) {
        Path p = dataDir.toAbsolutePath();
        if (Files.exists(p)) {
            if (!Files.isDirectory(p)) {
                throw r.badKey("", "data_dir", p + " exists and is not a directory; choose another data_dir");
            }
            if (!Files.isWritable(p)) {
                throw r.badKey("", "data_dir", p + " is not writable by this user; fix its permissions or "
                        + "choose another data_dir");
            }
            return;
        }
        Path ancestor = p.getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null || !Files.isDirectory(ancestor) || !Files.isWritable(ancestor)) {
            throw r.badKey("", "data_dir", p + " cannot be created (" + ancestor
                    + " is not a writable directory); choose another data_dir");
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static WatchmanException bad(Path file, String problem) {
        return new WatchmanException(ExitCode.USAGE, "config " + file + " " + problem);
    }

    /** Typed access to the tree with errors that name the file, line and key. */
    private static final class Reader {
        private final Path file;
        private final String[] lines;

        Reader(Path file, String text) {
            this.file = file;
            this.lines = text.split("\n", -1);
        }

        void checkKeys(ObjectNode node, String table) {
            Set<String> known = KEYS.get(table);
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
}
