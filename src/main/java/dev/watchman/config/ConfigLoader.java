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
import java.nio.file.Path;
import java.util.ArrayList;
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
    static final Map<String, Set<String>> KEYS = Map.of(
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

    public ConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    private EnvOverrides overrides() {
        return new EnvOverrides(env, Path.of(System.getProperty("user.home")));
    }

    /** The file used when neither {@code --config} nor WATCHMAN_CONFIG names one. */
    public Path defaultLocation() {
        return overrides().defaultConfigFile();
    }

    /**
     * @param explicit the {@code --config} argument, or null
     */
    public Config load(Path explicit) {
        Path file = explicit != null ? explicit : overrides().configFile();
        // Where a file that is not there or not readable was named: --config, WATCHMAN_CONFIG or nowhere.
        String namedBy = explicit != null ? "--config" : file != null ? EnvOverrides.CONFIG : null;
        if (file == null) {
            file = defaultLocation();
        }
        String text = "";
        if (Files.exists(file)) {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw badFile(file, namedBy, "not a readable file; point " + (namedBy == null ? "--config" : namedBy)
                        + " at a TOML file");
            }
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException | java.io.UncheckedIOException e) {
                throw badFile(file, namedBy, "cannot be read (" + e.getMessage() + ")");
            }
        } else if (namedBy != null) {
            throw badFile(file, namedBy, "does not exist; create it, or " + (namedBy.equals("--config")
                    ? "drop --config" : "unset " + namedBy) + " to use " + defaultLocation());
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
        TableReader r = new TableReader(file, text);
        r.checkKeys(root, "");

        EnvOverrides envs = overrides();
        Path dataDir = r.path(root, "", "data_dir", null);
        dataDir = dataDir != null ? dataDir : envs.dataDir();
        ObjectNode n = r.table(root, "neo4j");
        String uri = blank(r.string(n, "neo4j", "uri", null));
        if (uri != null && Config.Neo4j.uriProblem(uri) != null) {
            throw r.badKey("neo4j", "uri", "'" + Config.Neo4j.redact(uri) + "' is " + Config.Neo4j.uriProblem(uri));
        }
        uri = envs.uri(uri);
        String username = envs.username(r.string(n, "neo4j", "username", "neo4j"));
        String password = envs.password(r.string(n, "neo4j", "password", null));
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
        String mode = r.string(w, "watch", "mode", "realtime");
        if (!mode.equals("realtime") && !mode.equals("poll")) {
            throw r.badKey("watch", "mode", "'" + mode + "' is not a mode; use \"realtime\" or \"poll\"");
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

        String dataDirProblem = dataDirProblem(dataDir);
        if (dataDirProblem != null) {
            throw root.has("data_dir") ? r.badKey("", "data_dir", dataDirProblem + "; choose another data_dir")
                    : envs.badDataDir(file, dataDirProblem);
        }
        return new Config(file, dataDir, neo4j, api, host, snapshot, watch, packs, audit, envs.used());
    }

    /** A rule's pattern compiles as the scanner will compile it (RE2, via re2j) and cannot match nothing. */
    private static void checkPattern(TableReader r, int index, String id, String pattern) {
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

    private Path defaultConfigDir() {
        return defaultLocation().getParent();
    }

    /** Why a data directory cannot work, or null; checked without creating it (loading writes nothing). */
    private static String dataDirProblem(Path dataDir) {
        Path p = dataDir.toAbsolutePath();
        if (Files.exists(p)) {
            if (!Files.isDirectory(p)) {
                return p + " exists and is not a directory";
            }
            return Files.isWritable(p) ? null : p + " is not writable by this user (fix its permissions)";
        }
        Path ancestor = p.getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null || !Files.isDirectory(ancestor) || !Files.isWritable(ancestor)) {
            return p + " cannot be created (" + ancestor + " is not a writable directory)";
        }
        return null;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** A config file that cannot be read: "WATCHMAN_CONFIG=FILE: problem" when that variable named it. */
    private static WatchmanException badFile(Path file, String namedBy, String problem) {
        return EnvOverrides.CONFIG.equals(namedBy) ? EnvOverrides.bad(namedBy, file, problem)
                : new WatchmanException(ExitCode.USAGE, "config " + file + ": " + problem);
    }
}
