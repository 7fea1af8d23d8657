package dev.watchman.cli;

import dev.watchman.ExitCode;
import dev.watchman.api.ApiServer;
import dev.watchman.change.ChangeQuery;
import dev.watchman.change.ChangeService;
import dev.watchman.change.WatchSession;
import dev.watchman.config.Config;
import dev.watchman.config.ConfigLoader;
import dev.watchman.graph.Backend;
import dev.watchman.host.HostIdentity;
import dev.watchman.host.HostService;
import dev.watchman.query.QueryService;
import dev.watchman.query.StatusService;
import dev.watchman.snapshot.SnapshotService;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs Watchman: the embedded Neo4j (Bolt + Browser) unless [neo4j] uri is set, "
                + "the host heartbeat and the HTTP API. Stops cleanly on SIGTERM/SIGINT."})
final class ServeCommand implements java.util.concurrent.Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);
    static final long HEARTBEAT_SECONDS = 30;

    @Mixin
    CommonOptions common;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Config config = new ConfigLoader(System.getenv()).load(common.config);
        if (!ServeLauncher.heapGiven()) {
            return ServeLauncher.relaunch(config.neo4j().heap(), spec.commandLine().getParseResult().originalArgs()
                    .toArray(new String[0]));
        }
        HostIdentity host = HostIdentity.detect(config.host());
        CountDownLatch stopped = new CountDownLatch(1);
        long t0 = System.nanoTime();
        Backend backend = Backend.forServe(config);
        ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "watchman-heartbeat");
            t.setDaemon(true);
            return t;
        });
        ApiServer api = null;
        WatchSession watch = null;
        try {
            backend.graph().applySchema();
            HostService hosts = new HostService(backend.graph(), host);
            hosts.upsert();
            heartbeat.scheduleWithFixedDelay(() -> {
                // The one catch-all: an exception escaping a scheduled task would cancel it for good.
                try {
                    hosts.heartbeat();
                } catch (RuntimeException e) {
                    LOG.warn("heartbeat failed: {}", e.getMessage());
                }
            }, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
            if (!config.watch().paths().isEmpty()) {
                watch = WatchSession.start(backend::graph, host.id(), config.watch(),
                        config.dataDir().resolve("queue").resolve("serve"), s -> { });
            }
            if (config.api().enabled()) {
                api = ApiServer.start(config.api().bind(), config.api().port(),
                        routes -> registerRoutes(routes, backend, host, config), Output::json);
            }
        } catch (RuntimeException e) {
            heartbeat.shutdownNow();
            if (watch != null) {
                watch.close();
            }
            backend.close();
            throw e;
        }
        ApiServer apiServer = api;
        WatchSession watchSession = watch;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping");
            heartbeat.shutdownNow();
            if (apiServer != null) {
                apiServer.close();
                LOG.info("API stopped");
            }
            if (watchSession != null) {
                // Before the backend: the writer's last drain needs the graph.
                watchSession.close();
                LOG.info("watcher stopped");
            }
            backend.close();
            LOG.info("stopped; store closed cleanly");
            stopped.countDown();
        }, "watchman-shutdown"));
        backend.ready();
        String browser = backend.mode().equals("external") ? "(external server)"
                : backend.browserUrl(config.neo4j().httpPort()) + " (user neo4j, password in "
                        + backend.passwordFile() + ")";
        LOG.info("ready in {} ms: bolt={} browser={} api={} host={} ({}) watch={}", (System.nanoTime() - t0) / 1_000_000,
                backend.uri(), browser,
                apiServer == null ? "disabled" : "http://" + config.api().bind() + ":" + apiServer.port() + "/api/",
                host.id(), host.name(), watchSession == null ? "none"
                        : watchSession.watcher().roots() + " (" + config.watch().mode().label() + ")");
        stopped.await();
        return ExitCode.OK;
    }

    private static void registerRoutes(ApiServer.Routes routes, Backend backend, HostIdentity host, Config config) {
        routes.get("/api/health", ctx -> Map.of("status", "ok"));
        routes.get("/api/snapshots", ctx -> new SnapshotService(backend.graph(), host, config.dataDir())
                .list(ctx.queryParam("root") == null ? null : java.nio.file.Path.of(ctx.queryParam("root")),
                        "true".equals(ctx.queryParam("allHosts"))));
        routes.get("/api/drift", ctx -> {
            String from = ctx.queryParam("from");
            String to = ctx.queryParam("to");
            if (from == null || to == null) {
                throw new dev.watchman.WatchmanException(ExitCode.USAGE, "drift needs ?from=SNAPSHOT_ID&to=SNAPSHOT_ID");
            }
            return new SnapshotService(backend.graph(), host, config.dataDir()).driftBetween(from, to, java.util.List.of());
        });
        routes.get("/api/status", ctx -> new StatusService(backend.graph()).status(backend.mode(), host));
        routes.get("/api/queries", ctx -> QueryService.saved());
        routes.get("/api/changes", ctx -> new ChangeService(backend.graph()).getChanges(new ChangeQuery(
                ctx.queryParam("path"), ChangeQuery.parseSince(ctx.queryParam("since"), java.time.Clock.systemDefaultZone()),
                ctx.queryParam("type"), ctx.queryParam("source"),
                "true".equals(ctx.queryParam("allHosts")) ? null : host.id(),
                ctx.queryParam("limit") == null ? 100 : ChangesCommand.limit(ctx.queryParam("limit")))));
        routes.post("/api/changes", ctx -> ChangesCommand.record(backend.graph(), host, ctx.body()));
        routes.get("/api/queries/{name}", ctx -> {
            String name = ctx.pathParam("name");
            if (!QueryService.isSaved(name)) {
                throw new dev.watchman.WatchmanException(ExitCode.NOT_FOUND, "no saved question '" + name + "'");
            }
            Map<String, Object> params = new LinkedHashMap<>();
            ctx.queryParamMap().forEach((k, v) -> params.put(k, v.get(0)));
            return new QueryService(backend.graph()).run(name,
                    QueryService.parseParams(params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        });
    }
}
