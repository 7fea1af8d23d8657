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
    private static final Map<String, Set<String>> KEYS = Map.of(
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
        TableReader r = TableReader.topLevel(file, text, root);

        EnvOverrides envs = overrides();
        Path dataDir = r.path("data_dir", null);
        dataDir = dataDir != null ? dataDir : envs.dataDir();
        TableReader n = r.table("neo4j", KEYS.get("neo4j"));
        String uri = n.stringOrNull("uri");
        if (uri != null && Config.Neo4j.uriProblem(uri) != null) {
            throw n.bad("uri", "'" + Config.Neo4j.redact(uri) + "' is " + Config.Neo4j.uriProblem(uri));
        }
        uri = envs.uri(uri);
        String username = envs.username(n.string("username", "neo4j"));
        String password = envs.password(n.string("password", null));
        int boltPort = n.port("bolt_port", 7687);
        int httpPort = n.port("http_port", 7474);
        String pageCache = n.string("page_cache", "256m");
        if (!pageCache.matches("(?i)\\d+[kmg]?")) {
            throw n.bad("page_cache", "'" + pageCache + "' is not a size; use e.g. \"256m\" or \"1g\"");
        }
        String heap = n.string("heap", "1g");
        if (!heap.matches("(?i)\\d+[kmg]")) {
            throw n.bad("heap", "'" + heap + "' is not a heap size; use e.g. \"1g\" or \"768m\"");
        }
        String database = n.string("database", null);
        Config.Neo4j neo4j = new Config.Neo4j(uri, username, password, boltPort, httpPort, pageCache, heap, database);

        TableReader a = r.table("api", KEYS.get("api"));
        Config.Api api = new Config.Api(a.string("bind", "127.0.0.1"), a.port("port", 7480), a.bool("enabled", true));

        TableReader h = r.table("host", KEYS.get("host"));
        String hostId = h.stringOrNull("id");
        if (hostId != null && !hostId.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")) {
            throw h.bad("id", "'" + hostId + "' must be 1-128 letters, digits, '.', '_', ':' or '-'");
        }
        Config.Host host = new Config.Host(hostId, h.stringOrNull("name"));

        TableReader s = r.table("snapshot", KEYS.get("snapshot"));
        Config.Snapshot snapshot = new Config.Snapshot(s.strings("exclude", List.of()));

        TableReader w = r.table("watch", KEYS.get("watch"));
        String mode = w.string("mode", "realtime");
        if (!mode.equals("realtime") && !mode.equals("poll")) {
            throw w.bad("mode", "'" + mode + "' is not a mode; use \"realtime\" or \"poll\"");
        }
        int interval = w.integer("interval_seconds", 5, 1, 86_400);
        int debounce = w.integer("debounce_ms", 10, 0, 60_000);
        List<String> watchPaths = w.strings("paths", List.of());
        Config.Watch watch = new Config.Watch(watchPaths, mode, interval, debounce,
                w.strings("exclude", DEFAULT_WATCH_EXCLUDES));

        TableReader p = r.table("packs", KEYS.get("packs"));
        Config.Packs packs = new Config.Packs(p.path("dir", defaultConfigDir().resolve("packs")));

        TableReader au = r.table("audit", KEYS.get("audit"));
        List<Config.Audit.Rule> rules = new ArrayList<>();
        java.util.Set<String> ruleIds = new java.util.HashSet<>();
        for (TableReader rule : au.tables("rule", KEYS.get("audit.rule"))) {
            String id = rule.required("id");
            if (!ruleIds.add(id)) {
                throw rule.bad("id", "'" + id + "' is used by an earlier [[audit.rule]]; give each rule its own id");
            }
            String pattern = rule.required("pattern");
            checkPattern(rule, id, pattern);
            String severity = rule.string("severity", null);
            if (severity != null && !SEVERITIES.contains(severity)) {
                throw rule.bad("severity", "'" + severity + "' is not a severity; use one of "
                        + String.join(", ", SEVERITIES));
            }
            rules.add(new Config.Audit.Rule(id, pattern, rule.string("description", ""),
                    rule.string("recommendation", null), severity));
        }
        List<Config.Audit.Allow> allow = new ArrayList<>();
        for (TableReader al : au.tables("allow", KEYS.get("audit.allow"))) {
            allow.add(new Config.Audit.Allow(al.required("path"), al.required("rule")));
        }
        long maxBytes = au.integer("max_file_bytes", (int) Config.Audit.DEFAULT_MAX_FILE_BYTES, 1, Integer.MAX_VALUE);
        Config.Audit audit = new Config.Audit(List.copyOf(rules), List.copyOf(allow), maxBytes,
                au.bool("default_allowlist", true));
        r.rejectUnknownKeys(Set.of("data_dir"));

        String dataDirProblem = dataDirProblem(dataDir);
        if (dataDirProblem != null) {
            throw r.has("data_dir") ? r.bad("data_dir", dataDirProblem + "; choose another data_dir")
                    : envs.badDataDir(file, dataDirProblem);
        }
        return new Config(file, dataDir, neo4j, api, host, snapshot, watch, packs, audit, envs.used());
    }

    /** A rule's pattern compiles as the scanner will compile it (RE2, via re2j) and cannot match nothing. */
    private static void checkPattern(TableReader rule, String id, String pattern) {
        com.google.re2j.Pattern p;
        try {
            p = com.google.re2j.Pattern.compile(pattern);
        } catch (com.google.re2j.PatternSyntaxException e) {
            throw rule.bad("pattern", "of rule '" + id + "' is not a valid RE2 regex: "
                    + e.getMessage().replaceAll("\\s+", " "));
        }
        if (p.matches("")) {
            throw rule.bad("pattern", "of rule '" + id + "' matches the empty string; "
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

    /** A config file that cannot be read: "WATCHMAN_CONFIG=FILE: problem" when that variable named it. */
    private static WatchmanException badFile(Path file, String namedBy, String problem) {
        return EnvOverrides.CONFIG.equals(namedBy) ? EnvOverrides.bad(namedBy, file, problem)
                : new WatchmanException(ExitCode.USAGE, "config " + file + ": " + problem);
    }
}
