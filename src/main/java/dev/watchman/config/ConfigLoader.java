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
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the one TOML file, validates every key strictly and applies environment overrides.
 * Any problem is one line naming the file, the line or key, and what to do; exit code 2.
 * Loading never writes anything.
 *
 * <p>This class only finds the file, reads the TOML, applies the environment and checks data_dir.
 * Each table is parsed by its own class next to this one ({@link Neo4jTable}, {@link AuditTable},
 * ...), which names its table and its keys and builds its record of {@link Config}; each problem it
 * finds is one line from {@link TableReader#bad}. Adding a table ({@code [schedule]}, say) is one
 * such class, a component of {@link Config}, and one line in {@link #parse}.
 */
public final class ConfigLoader {
    /** The one set of default excludes, {@link Excludes#DEFAULTS}. */
    public static final List<String> DEFAULT_WATCH_EXCLUDES = Excludes.DEFAULTS;

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

    /** Parses and validates {@code text} as if read from {@code file}: one line per table. */
    public Config parse(Path file, String text) {
        TableReader top = TableReader.topLevel(file, text, tree(file, text));
        EnvOverrides envs = overrides();
        Path dataDir = top.path("data_dir", null);
        Config config = new Config(file, dataDir != null ? dataDir : envs.dataDir(),
                envs.neo4j(Neo4jTable.parse(top)),
                ApiTable.parse(top),
                HostTable.parse(top),
                SnapshotTable.parse(top),
                WatchTable.parse(top),
                PacksTable.parse(top, defaultConfigDir()),
                AuditTable.parse(top),
                ScheduleTable.parse(top),
                envs.slack(SlackTable.parse(top)),
                envs.used());
        top.rejectUnknownKeys(Set.of("data_dir"));

        String dataDirProblem = dataDirProblem(config.dataDir());
        if (dataDirProblem != null) {
            throw top.has("data_dir") ? top.bad("data_dir", dataDirProblem + "; choose another data_dir")
                    : envs.badDataDir(file, dataDirProblem);
        }
        return config;
    }

    private static ObjectNode tree(Path file, String text) {
        try {
            JsonNode node = new TomlMapper().readTree(text);
            return node == null || node.isMissingNode() ? new TomlMapper().createObjectNode() : (ObjectNode) node;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            String msg = e.getOriginalMessage().replaceAll("\\s+", " ");
            throw new WatchmanException(ExitCode.USAGE, "config " + file + (line > 0 ? " line " + line : "")
                    + ": TOML syntax error: " + msg);
        }
    }

    private Path defaultConfigDir() {
        return defaultLocation().getParent();
    }

    private static String owner(Path p) {
        try {
            return Files.getOwner(p).getName();
        } catch (java.io.IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** Why a data directory cannot work, or null; checked without creating it (loading writes nothing). */
    private static String dataDirProblem(Path dataDir) {
        Path p = dataDir.toAbsolutePath();
        if (Files.exists(p)) {
            if (!Files.isDirectory(p)) {
                return p + " exists and is not a directory";
            }
            if (Files.isWritable(p)) {
                return null;
            }
            String owner = owner(p);
            String me = System.getProperty("user.name");
            // Another user's data_dir is private on purpose (0700): say whose, never "open it up".
            return owner != null && !owner.equals(me)
                    ? p + " belongs to user " + owner + "; run this command as " + owner + " (or root)"
                    : p + " is not writable by this user (fix its permissions)";
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
