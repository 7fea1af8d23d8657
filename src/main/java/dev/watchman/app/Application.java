package dev.watchman.app;

import dev.watchman.alert.AlertService;
import dev.watchman.alert.LocalHostFacts;
import dev.watchman.audit.AuditService;
import dev.watchman.change.ChangeService;
import dev.watchman.config.Config;
import dev.watchman.graph.Backend;
import dev.watchman.graph.Graph;
import dev.watchman.host.HostIdentity;
import dev.watchman.host.HostService;
import dev.watchman.notify.Outbox;
import dev.watchman.pack.PackService;
import dev.watchman.query.QueryService;
import dev.watchman.query.StatusService;
import dev.watchman.snapshot.SnapshotService;
import java.time.Clock;
import java.util.List;

/**
 * The composition root: built once per process (a command, or {@code serve}) from the config, the
 * opened graph and this machine's identity. It records this machine's :Host before anything else
 * can write, builds every service once, and owns the {@link Lifecycle} that the periodic jobs and
 * the long-running parts hang on. The CLI and the API are thin adapters over it.
 */
public final class Application implements AutoCloseable {
    private final Config config;
    private final Backend backend;
    private final HostIdentity host;
    private final Clock clock;
    private final Lifecycle lifecycle = new Lifecycle();
    private final HostService hosts;
    private final SnapshotService snapshots;
    private final ChangeService changes;
    private final PackService packs;
    private final AuditService audits;
    private final AlertService alerts;
    private final Outbox outbox;
    private final QueryService queries;
    private final StatusService status;

    private Application(Config config, Backend backend, HostIdentity host, Clock clock) {
        this.config = config;
        this.backend = backend;
        this.host = host;
        this.clock = clock;
        Graph graph = backend.graph();
        this.hosts = new HostService(graph, host);
        this.snapshots = new SnapshotService(graph, host, config.dataDir());
        this.changes = new ChangeService(graph);
        this.packs = new PackService(graph, config.packs().dir());
        this.audits = new AuditService(graph, host, config, packs, snapshots);
        this.outbox = new Outbox(graph, config.slack(), clock);
        this.alerts = new AlertService(graph, config, host.id(), clock, packs, audits,
                List.of(new LocalHostFacts(host.id(), packs, config.packs().root(), config.audit().maxFileBytes())));
        this.queries = new QueryService(graph);
        this.status = new StatusService(graph);
    }

    /**
     * Builds the application on an opened backend, which it then owns (closed last), and records
     * this machine's :Host, so no service has to remember to.
     */
    public static Application open(Config config, Backend backend, HostIdentity host) {
        return open(config, backend, host, Clock.systemDefaultZone());
    }

    /**
     * As {@link #open(Config, Backend, HostIdentity)} on {@code clock}: everything that asks what
     * time it is (the schedule, silences, the offline window, the outbox's backoff) asks it, so
     * tests drive time instead of waiting for it.
     */
    public static Application open(Config config, Backend backend, HostIdentity host, Clock clock) {
        Application app = new Application(config, backend, host, clock);
        try {
            app.hosts.upsert();
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
        return app;
    }

    public Config config() {
        return config;
    }

    public Backend backend() {
        return backend;
    }

    public Graph graph() {
        return backend.graph();
    }

    public HostIdentity host() {
        return host;
    }

    public Clock clock() {
        return clock;
    }

    public Lifecycle lifecycle() {
        return lifecycle;
    }

    public HostService hosts() {
        return hosts;
    }

    public SnapshotService snapshots() {
        return snapshots;
    }

    public ChangeService changes() {
        return changes;
    }

    public PackService packs() {
        return packs;
    }

    public AuditService audits() {
        return audits;
    }

    public AlertService alerts() {
        return alerts;
    }

    /** The notifications outbox: alerts enqueue into it, {@code serve} drains it every second. */
    public Outbox outbox() {
        return outbox;
    }

    public QueryService queries() {
        return queries;
    }

    public StatusService status() {
        return status;
    }

    /** Stops the jobs and everything started on top (in reverse order, awaited), then the graph. */
    @Override
    public void close() {
        try {
            lifecycle.close();
        } finally {
            backend.close();
        }
    }
}
