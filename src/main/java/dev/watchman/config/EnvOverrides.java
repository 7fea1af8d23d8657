package dev.watchman.config;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment variables that stand in for config keys. A value that came from one is checked
 * here, and a bad one is one line naming the variable ({@code NEO4J_URI=garbage: ...}), never the
 * config file it did not come from. A password's value is never part of a message.
 */
final class EnvOverrides {
    static final String CONFIG = "WATCHMAN_CONFIG";
    static final String DATA_DIR = "WATCHMAN_DATA_DIR";
    static final String URI = "NEO4J_URI";
    static final String USERNAME = "NEO4J_USERNAME";
    static final String PASSWORD = "NEO4J_PASSWORD";
    static final String SLACK_WEBHOOK = "SLACK_WEBHOOK_URL";
    static final String XDG_CONFIG = "XDG_CONFIG_HOME";
    static final String XDG_DATA = "XDG_DATA_HOME";

    private final Map<String, String> env;
    private final Path home;
    /** Config key to the variable that gave its value, for {@link Config#variable(String)}. */
    private final Map<String, String> used = new LinkedHashMap<>();

    EnvOverrides(Map<String, String> env, Path home) {
        this.env = env;
        this.home = home;
    }

    /** The file used when neither {@code --config} nor WATCHMAN_CONFIG names one. */
    Path defaultConfigFile() {
        Path xdg = path(XDG_CONFIG);
        return (xdg != null ? xdg : home.resolve(".config")).resolve("watchman").resolve("watchman.toml");
    }

    /** WATCHMAN_CONFIG, or null when it is unset or blank. */
    Path configFile() {
        return path(CONFIG);
    }

    /** data_dir when the file does not set it: WATCHMAN_DATA_DIR, else $XDG_DATA_HOME/watchman, else the home default. */
    Path dataDir() {
        Path override = path(DATA_DIR);
        if (override != null) {
            used.put("data_dir", DATA_DIR);
            return override;
        }
        Path xdg = path(XDG_DATA);
        if (xdg != null) {
            used.put("data_dir", XDG_DATA);
            return xdg.resolve("watchman");
        }
        return home.resolve(".local").resolve("share").resolve("watchman");
    }

    /** The file's [neo4j] table with NEO4J_URI, NEO4J_USERNAME and NEO4J_PASSWORD applied over it. */
    Config.Neo4j neo4j(Config.Neo4j file) {
        return new Config.Neo4j(uri(file.uri()), username(file.username()), password(file.password()),
                file.boltPort(), file.httpPort(), file.pageCache(), file.heap(), file.database());
    }

    /** SLACK_WEBHOOK_URL over the file's [slack] webhook_url; a bad one is named, its value never shown. */
    Config.Slack slack(Config.Slack file) {
        String v = value(SLACK_WEBHOOK);
        if (v == null) {
            return file;
        }
        String problem = SlackTable.urlProblem(v.strip());
        if (problem != null) {
            throw new WatchmanException(ExitCode.USAGE, SLACK_WEBHOOK + " " + problem);
        }
        used.put("slack.webhook_url", SLACK_WEBHOOK);
        return new Config.Slack(v.strip());
    }

    /** NEO4J_URI when set, checked as the [neo4j] uri key is; else the file's value. */
    String uri(String fromFile) {
        String v = value(URI);
        if (v == null) {
            return fromFile;
        }
        String problem = Config.Neo4j.uriProblem(v);
        if (problem != null) {
            throw bad(URI, Config.Neo4j.redact(v), problem);
        }
        used.put("neo4j.uri", URI);
        return v;
    }

    String username(String fromFile) {
        String v = value(USERNAME);
        if (v == null) {
            return fromFile;
        }
        used.put("neo4j.username", USERNAME);
        return v;
    }

    /** NEO4J_PASSWORD even when empty: an empty password is a value someone set on purpose. */
    String password(String fromFile) {
        String v = env.get(PASSWORD);
        if (v == null) {
            return fromFile;
        }
        used.put("neo4j.password", PASSWORD);
        return v;
    }

    /**
     * A data_dir problem when the file did not set data_dir: names the variable that chose it, or
     * says it is the default and how to choose another.
     */
    WatchmanException badDataDir(Path configFile, String problem) {
        String variable = used.get("data_dir");
        if (variable == null) {
            return new WatchmanException(ExitCode.USAGE, "default data_dir: " + problem + "; set data_dir in "
                    + configFile + " or " + DATA_DIR);
        }
        return bad(variable, env.get(variable), problem + "; point " + variable + " at another directory or unset it");
    }

    /** Which config keys the environment gave, so later errors can name the variable. */
    Map<String, String> used() {
        return Map.copyOf(used);
    }

    /** One line: {@code VAR=value: problem}. Never call it with a password's value. */
    static WatchmanException bad(String variable, Object value, String problem) {
        return new WatchmanException(ExitCode.USAGE, variable + "=" + value + ": " + problem);
    }

    private String value(String variable) {
        String v = env.get(variable);
        return v == null || v.isBlank() ? null : v;
    }

    private Path path(String variable) {
        String v = value(variable);
        if (v == null) {
            return null;
        }
        try {
            return Path.of(v);
        } catch (InvalidPathException e) {
            throw bad(variable, v, "not a usable path (" + e.getReason() + ")");
        }
    }
}
