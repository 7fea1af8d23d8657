package dev.watchman.app;

import dev.watchman.ExitCode;
import dev.watchman.change.WatchSession;
import dev.watchman.config.Config;
import dev.watchman.graph.Backend;
import dev.watchman.host.HostIdentity;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code watchman serve} once the process is set up: opens the graph (starting the embedded DBMS
 * unless an external one is configured), builds the {@link Application}, starts the heartbeat, the
 * watchers and every {@link Endpoint}, and runs until the JVM is asked to stop, when everything is
 * closed in reverse order and the store last.
 */
public final class Server {
    private static final Logger LOG = LoggerFactory.getLogger(Server.class);
    public static final Duration HEARTBEAT = Duration.ofSeconds(30);
    /** How often the outbox looks for notifications due (it sends at most one a second per webhook). */
    static final Duration OUTBOX = Duration.ofSeconds(1);
    /** How soon after a silence ends its host is checked again. */
    static final Duration SILENCE_END = Duration.ofMinutes(1);

    private final Application app;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Map<String, String> endpoints = new LinkedHashMap<>();
    private WatchSession watch;

    private Server(Application app) {
        this.app = app;
    }

    /** Starts everything, logs the ready line and blocks until a shutdown; returns the exit code. */
    public static int run(Config config) throws InterruptedException {
        long t0 = System.nanoTime();
        HostIdentity host = HostIdentity.detect(config.host());
        Backend backend = Backend.forServe(config);
        Application app;
        try {
            backend.graph().applySchema();
            app = Application.open(config, backend, host);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        Server server = new Server(app);
        try {
            server.start();
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "watchman-shutdown"));
        backend.ready();
        server.logReady((System.nanoTime() - t0) / 1_000_000);
        server.stopped.await();
        return ExitCode.OK;
    }

    private void start() {
        Config config = app.config();
        app.lifecycle().every("heartbeat", HEARTBEAT, app.hosts()::heartbeat);
        // The outbox first: what a crash left pending goes out as soon as serve is up.
        app.lifecycle().every("outbox", OUTBOX, app.outbox()::drain);
        app.lifecycle().every("silence-end", SILENCE_END, app.alerts()::followUpSilences);
        if (!config.watch().paths().isEmpty()) {
            // Owned before the endpoints, so closed after them: the writer's last drain needs the graph.
            watch = app.lifecycle().own("watcher", WatchSession.start(app::graph, app.host().id(), config.watch(),
                    config.dataDir().resolve("queue").resolve("serve"), s -> { }));
        }
        for (Endpoint e : ServiceLoader.load(Endpoint.class, Server.class.getClassLoader())) {
            Endpoint.Running running = e.start(app);
            endpoints.put(e.name(), running == null ? "disabled" : app.lifecycle().own(e.name(), running).address());
        }
    }

    private void stop() {
        LOG.info("stopping");
        app.close();
        LOG.info("stopped; store closed cleanly");
        stopped.countDown();
    }

    private void logReady(long ms) {
        Backend backend = app.backend();
        Config config = app.config();
        String browser = backend.mode().equals("external") ? "(external server)"
                : backend.browserUrl(config.neo4j().httpPort()) + " (user neo4j, password in "
                        + backend.passwordFile() + ")";
        StringBuilder eps = new StringBuilder();
        endpoints.forEach((name, address) -> eps.append(' ').append(name).append('=').append(address));
        LOG.info("ready in {} ms: bolt={} browser={}{} host={} ({}) watch={}", ms, backend.uri(), browser, eps,
                app.host().id(), app.host().name(), watch == null ? "none"
                        : watch.watcher().roots() + " (" + config.watch().mode().label() + ")");
    }
}
