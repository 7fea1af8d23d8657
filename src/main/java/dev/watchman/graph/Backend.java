package dev.watchman.graph;

import dev.watchman.ExitCode;
import dev.watchman.Ports;
import dev.watchman.WatchmanException;
import dev.watchman.config.Config;
import dev.watchman.fs.PrivateFile;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.neo4j.driver.exceptions.AuthenticationException;
import java.util.List;

/**
 * Decides where the graph is and opens it: an external server by URI, the embedded DBMS that
 * {@code serve} runs, or — for a CLI command when nothing answers — the embedded store opened
 * in-process for the length of the command.
 */
public final class Backend implements AutoCloseable {
    /** How long a command waits for a starting serve, or for another command to release the store. */
    static final Duration WAIT = Duration.ofMinutes(3);

    private final Graph graph;
    private final EmbeddedNeo4j embedded;
    private final StoreLock lock;
    private final String mode;
    private final Path dataDir;

    private Backend(Path dataDir, Graph graph, EmbeddedNeo4j embedded, StoreLock lock, String mode) {
        this.dataDir = dataDir;
        this.graph = graph;
        this.embedded = embedded;
        this.lock = lock;
        this.mode = mode;
    }

    public Graph graph() {
        return graph;
    }

    /** "external", "embedded" (served by {@code watchman serve}) or "embedded-in-process". */
    public String mode() {
        return mode;
    }

    public String uri() {
        return graph.uri();
    }

    /**
     * Neo4j Browser on the embedded DBMS, set to log in as {@code neo4j} with a password to this
     * Bolt port; Browser keeps the login afterwards, so the same link then connects at once.
     */
    public String browserUrl(int httpPort) {
        return "http://127.0.0.1:" + httpPort + "/browser/?preselectAuthMethod=NATIVE&dbms=bolt://"
                + EmbeddedCredential.USER + "@" + graph.uri().replaceFirst("^bolt://", "");
    }

    /** Where the embedded DBMS's password is kept, null for an external server. */
    public Path passwordFile() {
        return mode.equals("external") ? null : dataDir.resolve(EmbeddedCredential.FILE);
    }

    /** For {@code serve}: the external server, or the embedded DBMS with Bolt and Browser on loopback. */
    public static Backend forServe(Config config) {
        Config.Neo4j n = config.neo4j();
        privateDataDir(config);
        if (n.external()) {
            Ports.requireFree(apiListener(config));
            return new Backend(config.dataDir(), connect(config, n.uri(), Duration.ofSeconds(10), null), null, null, "external");
        }
        StoreLock lock = acquireForServe(config);
        EmbeddedNeo4j db = null;
        try {
            // After the lock, so a second serve on this store is told so rather than "port in use";
            // before Neo4j, so a clash costs no start-up and names the key to change.
            Ports.requireFree(neo4jListeners(n));
            Ports.requireFree(apiListener(config));
            String password = EmbeddedCredential.load(config.dataDir());
            db = startEmbedded(config, password);
            Graph g = connect(config, db.boltUri(), Duration.ofSeconds(10), password);
            return new Backend(config.dataDir(), g, db, lock, "embedded");
        } catch (RuntimeException e) {
            if (db != null) {
                db.close();
            }
            lock.close();
            throw e;
        }
    }

    private static List<Ports.Listener> neo4jListeners(Config.Neo4j n) {
        return List.of(new Ports.Listener("Neo4j Bolt", "127.0.0.1", n.boltPort(), "[neo4j] bolt_port"),
                new Ports.Listener("Neo4j Browser (HTTP)", "127.0.0.1", n.httpPort(), "[neo4j] http_port"));
    }

    /** Serve's embedded DBMS; a port taken after the check is still named with its key. */
    static EmbeddedNeo4j startEmbedded(Config config, String password) {
        Config.Neo4j n = config.neo4j();
        try {
            return EmbeddedNeo4j.start(storeDir(config), n.boltPort(), n.httpPort(), n.pageCache(), password);
        } catch (WatchmanException e) {
            WatchmanException taken = Ports.explain(e, neo4jListeners(n));
            throw taken != null ? taken : e;
        }
    }

    /** The API serve starts later: its port is checked with the others so a clash fails before Neo4j starts. */
    private static List<Ports.Listener> apiListener(Config config) {
        Config.Api a = config.api();
        return a.enabled() ? List.of(new Ports.Listener("the API", a.bind(), a.port(), "[api] port")) : List.of();
    }

    /**
     * A command that opened the store in-process holds it only for its own length, so serve waits
     * for it; another serve holding it is an error at once.
     */
    private static StoreLock acquireForServe(Config config) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        boolean said = false;
        while (true) {
            StoreLock lock = tryLock(config, "serve");
            if (lock != null) {
                return lock;
            }
            StoreLock.Owner o = StoreLock.owner(config.dataDir());
            boolean command = o != null && o.role().equals("command");
            if (!command || System.nanoTime() > deadline) {
                throw new WatchmanException(ExitCode.LOCKED, "the embedded store in " + config.dataDir()
                        + " is in use by " + describe(o) + "; stop it first, or give this serve another data_dir");
            }
            if (!said) {
                System.err.println("watchman: waiting for " + describe(o) + " to release the store");
                said = true;
            }
            sleep(300);
        }
    }

    /**
     * Marks the embedded store as ready for commands waiting on a starting serve, with the ports it
     * listens on, so a command with another config can say where serve is.
     */
    public void ready() {
        if (lock != null) {
            try {
                lock.ready(URI.create(embedded.boltUri()).getPort(), embedded.httpPort());
            } catch (IOException e) {
                throw new WatchmanException(ExitCode.IO, "cannot update " + StoreLock.FILE + ": " + e.getMessage(), e);
            }
        }
    }

    /** For every other command. Says on {@code err} when it opens the store in-process. */
    public static Backend forCommand(Config config, PrintStream err) {
        return forCommand(config, err, WAIT);
    }

    /** As {@link #forCommand(Config, PrintStream)}, waiting at most {@code wait} for a starting serve. */
    static Backend forCommand(Config config, PrintStream err, Duration wait) {
        Config.Neo4j n = config.neo4j();
        privateDataDir(config);
        if (n.external()) {
            return new Backend(config.dataDir(), connect(config, n.uri(), Duration.ofSeconds(10), null), null, null, "external");
        }
        String local = n.boltUri();
        // Read first: a user who may not read it gets that said, not a wait for a server.
        String password = EmbeddedCredential.load(config.dataDir());
        long deadline = System.nanoTime() + wait.toNanos();
        String waitingFor = null;
        boolean sawReady = false;
        while (true) {
            try {
                return new Backend(config.dataDir(), connect(config, local, Duration.ofSeconds(3), password), null, null, "embedded");
            } catch (WatchmanException notAnswering) {
                if (notAnswering.exitCode() != ExitCode.GRAPH || notAnswering instanceof ForeignServer) {
                    throw notAnswering;
                }
            }
            StoreLock lock = tryLock(config, "command");
            if (lock != null) {
                err.println("watchman: nothing answers on " + local + "; opening the embedded store in "
                        + storeDir(config) + " in-process for this command");
                try {
                    EmbeddedNeo4j db = EmbeddedNeo4j.start(storeDir(config), freePort(), null, n.pageCache(), password);
                    try {
                        Graph g = connect(config, db.boltUri(), Duration.ofSeconds(10), password);
                        g.applySchema();
                        lock.ready(URI.create(db.boltUri()).getPort(), null);
                        return new Backend(config.dataDir(), g, db, lock, "embedded-in-process");
                    } catch (RuntimeException | IOException e) {
                        db.close();
                        throw e;
                    }
                } catch (IOException e) {
                    lock.close();
                    throw new WatchmanException(ExitCode.IO, e.getMessage(), e);
                } catch (RuntimeException e) {
                    lock.close();
                    throw e;
                }
            }
            StoreLock.Owner owner = StoreLock.owner(config.dataDir());
            if (owner != null && owner.role().equals("serve")) {
                if (owner.state().equals("ready")) {
                    // Ready means serve's Bolt was answering when it wrote the lock. Our connect may
                    // have run just before that: try once more, then say where serve really is.
                    if (owner.boltPort() != null && owner.boltPort() == n.boltPort() && !sawReady) {
                        sawReady = true;
                        continue;
                    }
                    throw notServedHere(config, owner, local);
                }
                if (!alive(owner.pid())) {
                    throw new WatchmanException(ExitCode.LOCKED, "the store in " + config.dataDir() + " is locked by "
                            + describe(owner) + ", which is not running here (another PID namespace, e.g. a"
                            + " container?); run this command where serve runs, or stop that serve");
                }
            }
            if (System.nanoTime() > deadline) {
                throw new WatchmanException(ExitCode.LOCKED, "the embedded store in " + config.dataDir()
                        + " is held by " + describe(owner) + " and nothing answers on " + local
                        + "; wait for it to finish or stop it");
            }
            String now = describe(owner);
            if (!now.equals(waitingFor)) {
                waitingFor = now;
                err.println("watchman: waiting for " + now + " to "
                        + (owner != null && owner.role().equals("serve") ? "finish starting" : "release the store"));
            }
            sleep(300);
        }
    }

    /** Serve holds the store and says it is ready, but not on the Bolt URI this command tried. */
    private static WatchmanException notServedHere(Config config, StoreLock.Owner owner, String local) {
        if (owner.boltPort() == null) {
            // A lock written by a version that did not record its port.
            return new WatchmanException(ExitCode.LOCKED, "the store in " + config.dataDir() + " is served by "
                    + describe(owner) + ", this command looks at " + local + "; pass the same --config as serve");
        }
        String served = "bolt://127.0.0.1:" + owner.boltPort();
        if (owner.boltPort() == config.neo4j().boltPort()) {
            return new WatchmanException(ExitCode.LOCKED, "the store in " + config.dataDir() + " is held by "
                    + describe(owner) + ", which says it is ready on " + served + ", but nothing answers there;"
                    + " see its log, or stop it and start it again");
        }
        return new WatchmanException(ExitCode.LOCKED, "the store in " + config.dataDir() + " is served by "
                + describe(owner) + " on " + served + ", this command looks at " + local
                + "; pass the same --config as serve (or set [neo4j] bolt_port to " + owner.boltPort() + ")");
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }


    /** What answers on the embedded port is not this data_dir's DBMS: waiting will not change that. */
    private static final class ForeignServer extends WatchmanException {
        private static final long serialVersionUID = 1L;

        ForeignServer(String message, Throwable cause) {
            super(ExitCode.GRAPH, message, cause);
        }
    }

    /** @param password the embedded DBMS's (ignored for an external server, which has its own) */
    private static Graph connect(Config config, String uri, Duration timeout, String password) {
        Config.Neo4j n = config.neo4j();
        if (n.external()) {
            try {
                return Graph.connect(uri, n.username(), n.password(), n.database(), timeout);
            } catch (WatchmanException e) {
                throw nameTheSetting(config, e);
            }
        }
        try {
            return Graph.connect(uri, EmbeddedCredential.USER, password, n.database(), timeout);
        } catch (Graph.CredentialsRejected e) {
            // Something answers on our port, but not with our store's password: another data_dir's serve.
            throw new ForeignServer("the Neo4j on " + uri + " refused the password in "
                    + config.dataDir().resolve(EmbeddedCredential.FILE) + ": it serves another data_dir; give this "
                    + "command the same --config as that serve, or give this one another [neo4j] bolt_port", e);
        }
    }

    /** An external server's URI or credentials were refused: say where they came from, the environment or the file. */
    private static WatchmanException nameTheSetting(Config config, WatchmanException e) {
        String uri = config.neo4j().uri();
        if (e.exitCode() == ExitCode.USAGE && e.getCause() instanceof IllegalArgumentException invalid) {
            String problem = "not a valid Neo4j URI (" + invalid.getMessage() + ")";
            return new WatchmanException(ExitCode.USAGE, config.variable("neo4j.uri")
                    .map(v -> v + "=" + uri + ": " + problem + "; fix or unset " + v)
                    .orElse("config " + config.source() + ": key 'neo4j.uri' '" + uri + "' is " + problem), invalid);
        }
        if (e.getCause() instanceof AuthenticationException refused) {
            String inFile = " in " + config.source();
            return new WatchmanException(ExitCode.GRAPH, "Neo4j at " + uri + " refused the credentials for user '"
                    + config.neo4j().username() + "'; check " + config.variable("neo4j.username")
                    .orElse("[neo4j] username" + inFile) + " and " + config.variable("neo4j.password")
                    .orElse("[neo4j] password" + inFile), refused);
        }
        return e;
    }

    /** {@link StoreLock#tryAcquire}, naming the variable when data_dir came from the environment. */
    private static StoreLock tryLock(Config config, String role) {
        try {
            return StoreLock.tryAcquire(config.dataDir(), role);
        } catch (WatchmanException e) {
            if (!(e.getCause() instanceof IOException io) || config.variable("data_dir").isEmpty()) {
                throw e;
            }
            String variable = config.variable("data_dir").get();
            throw new WatchmanException(ExitCode.IO, "data_dir " + config.dataDir() + " (from " + variable
                    + ") is not usable: cannot write " + config.dataDir().resolve(StoreLock.FILE) + " ("
                    + io.getMessage() + "); fix its permissions or point " + variable + " elsewhere", io);
        }
    }

    /**
     * data_dir and the store in it are 0700: Neo4j writes its files 0644, and the graph holds every
     * recorded path and hash, so only the directory's mode keeps other users out of them.
     */
    private static void privateDataDir(Config config) {
        try {
            PrivateFile.directory(config.dataDir());
            if (!config.neo4j().external()) {
                PrivateFile.directory(storeDir(config));
            }
        } catch (PrivateFile.Failure e) {
            String from = config.variable("data_dir").map(v -> " (from " + v + ")").orElse("");
            throw new WatchmanException(ExitCode.IO, "data_dir " + config.dataDir() + from + " is not usable: "
                    + e.getMessage(), e);
        }
    }

    private static Path storeDir(Config config) {
        return config.dataDir().resolve("neo4j");
    }

    private static String describe(StoreLock.Owner o) {
        if (o == null) {
            return "another process";
        }
        return (o.role().equals("serve") ? "watchman serve" : "another watchman command") + " (pid " + o.pid() + ")";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WatchmanException(ExitCode.INTERNAL, "interrupted while waiting for the store");
        }
    }

    /** True when a Neo4j data directory exists already (for status output). */
    public static boolean storeExists(Config config) {
        return Files.isDirectory(storeDir(config));
    }

    private boolean closed;

    /** Idempotent: a foreground command may close it on Ctrl-C and again on its normal exit. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        graph.close();
        if (embedded != null) {
            embedded.close();
        }
        if (lock != null) {
            lock.close();
        }
    }
}
