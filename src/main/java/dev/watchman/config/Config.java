package dev.watchman.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole validated configuration. Every field has a default; README's configuration
 * reference lists them. Built only by {@link ConfigLoader}; each table's record by its own parser
 * ({@code Neo4jTable}, {@code AuditTable}, ...).
 */
public record Config(
        Path source,
        Path dataDir,
        Neo4j neo4j,
        Api api,
        Host host,
        Snapshot snapshot,
        Watch watch,
        Packs packs,
        Audit audit,
        Schedule schedule,
        Slack slack,
        Map<String, String> fromEnv) {

    /**
     * The environment variable that gave {@code key} ({@code "data_dir"}, {@code "neo4j.uri"},
     * {@code "neo4j.username"}, {@code "neo4j.password"}), if one did: errors about it name the variable.
     */
    public Optional<String> variable(String key) {
        return Optional.ofNullable(fromEnv.get(key));
    }

    /** Where the graph lives. {@code uri == null} means the embedded DBMS in {@code dataDir}. */
    public record Neo4j(String uri, String username, String password, int boltPort, int httpPort,
                        String pageCache, String heap, String database) {
        public boolean external() {
            return uri != null;
        }

        /**
         * Null when {@code uri} can name a Neo4j server, else why not ("not a Neo4j URI; ..."), to follow
         * "NEO4J_URI=…: " or "key 'neo4j.uri' '…' is ". The driver checks the rest when it connects.
         */
        static String uriProblem(String uri) {
            String notOne = "not a Neo4j URI; use bolt://, neo4j://, bolt+s:// or neo4j+s:// (or +ssc) and a host,"
                    + " e.g. bolt://localhost:7687";
            java.net.URI u;
            try {
                u = new java.net.URI(uri);
            } catch (java.net.URISyntaxException e) {
                return notOne;
            }
            if (!uri.matches("^(bolt|neo4j)(\\+s|\\+ssc)?://.+") || u.getHost() == null) {
                return notOne;
            }
            if (u.getPort() == 0 || u.getPort() > 65_535) {
                return "a URI with port " + u.getPort() + "; use a port in 1..65535";
            }
            if (u.getRawUserInfo() != null) {
                // The URI is printed and logged: keep credentials out of it.
                return "a URI with credentials in it; set them as [neo4j] username/password"
                        + " or NEO4J_USERNAME/NEO4J_PASSWORD";
            }
            return null;
        }

        /** {@code uri} fit to print: credentials written into it are masked. */
        static String redact(String uri) {
            return uri.replaceFirst("://[^/@]*@", "://***@");
        }

        /** The Bolt URI a client uses: the external one, or the local embedded one. */
        public String boltUri() {
            return external() ? uri : "bolt://127.0.0.1:" + boltPort;
        }

        @Override
        public String toString() {
            // A record's default toString would print the password.
            return "Neo4j[uri=" + uri + ", username=" + username + ", password="
                    + (password == null ? "unset" : "***") + ", boltPort=" + boltPort
                    + ", httpPort=" + httpPort + ", pageCache=" + pageCache + ", heap=" + heap + "]";
        }
    }

    /**
     * @param publicUrl where people reach this API, for the links alerts carry ({@code diffUrl});
     *                  null means {@code http://bind:port}
     */
    public record Api(String bind, int port, boolean enabled, String publicUrl) {
        /** The base of the links alerts carry, without a trailing slash. */
        public String linkBase() {
            if (publicUrl != null) {
                return publicUrl.replaceAll("/+$", "");
            }
            String h = bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
            return "http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + port;
        }
    }

    /**
     * {@code [schedule]}: when {@code serve} runs the drift check.
     *
     * @param driftCheck   a five-field cron expression, checked at load
     * @param timezone     the zone the expression is read in
     * @param offlineAfter a host whose last heartbeat is older is offline: skipped, no alert
     * @param checkTimeout one host's check that takes longer is skipped, no alert
     */
    public record Schedule(String driftCheck, java.time.ZoneId timezone, java.time.Duration offlineAfter,
                           java.time.Duration checkTimeout) {
    }

    /** {@code [slack]}: the incoming webhook alerts are sent to, or null (notifications are logged). */
    public record Slack(String webhookUrl) {
        public boolean configured() {
            return webhookUrl != null;
        }

        @Override
        public String toString() {
            // The webhook URL is a secret: whoever has it can post to the channel.
            return "Slack[webhookUrl=" + (webhookUrl == null ? "none" : "***") + "]";
        }
    }

    /** {@code id == null} means: derive from /etc/machine-id. */
    public record Host(String id, String name) {
    }

    public record Snapshot(List<String> exclude) {
    }

    public record Watch(List<String> paths, Mode mode, int intervalSeconds, int debounceMillis,
                        List<String> exclude) {
        /** {@code [watch] mode}: how changes are noticed. */
        public enum Mode {
            /** inotify, falling back to polling per root when watches run out. */
            REALTIME,
            /** stat every path every interval (NFS and other filesystems without inotify). */
            POLL;

            /** As written in the config file and on the command line: {@code realtime}, {@code poll}. */
            public String label() {
                return name().toLowerCase(java.util.Locale.ROOT);
            }

            /** The config-file form; null for anything else, so callers word the error. */
            public static Mode parse(String s) {
                for (Mode m : values()) {
                    if (m.label().equals(s)) {
                        return m;
                    }
                }
                return null;
            }
        }
    }

    /**
     * @param dir  the user's own packs
     * @param root where the drift check resolves pack paths ({@code /etc/...}): "/" on a real host
     */
    public record Packs(Path dir, Path root) {
    }

    /**
     * @param maxFileBytes     files larger than this are neither secret-scanned nor read by pack content rules
     * @param defaultAllowList whether the built-in allow-list (host keys, /etc/ssl/private, openssl.cnf) applies
     */
    public record Audit(List<Rule> rules, List<Allow> allow, long maxFileBytes, boolean defaultAllowList) {
        /** The one size cap for reading file content (10 MiB): config files are far smaller. */
        public static final long DEFAULT_MAX_FILE_BYTES = 10L << 20;

        /** @param severity low, medium, high or critical (already validated); null means high */
        public record Rule(String id, String pattern, String description, String recommendation, String severity) {
        }

        public record Allow(String path, String rule) {
        }
    }
}
