package dev.watchman.alert;

import dev.watchman.Durations;
import dev.watchman.ExitCode;
import dev.watchman.Threads;
import dev.watchman.WatchmanException;
import dev.watchman.alert.PackOutcome.Action;
import dev.watchman.audit.AuditService;
import dev.watchman.config.Config;
import dev.watchman.graph.Cells;
import dev.watchman.graph.Graph;
import dev.watchman.notify.NotificationKind;
import dev.watchman.notify.NotificationRow;
import dev.watchman.notify.SlackMessage;
import dev.watchman.pack.Pack;
import dev.watchman.pack.PackService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drift detection (seed US0122): checks every host with assigned packs and drift detection on,
 * each pack separately, records each check as a pack :ConfigAudit, and moves the (host, pack)'s
 * config_drift alert by {@link AlertDecision}, queueing its Slack notification in the same
 * transaction. A host whose facts cannot be had (offline, unreachable, failing, too slow) is
 * skipped with a warning and no alert, and checked again next time. Also: the alerts list, the
 * diff view, the per-host switch and silences.
 */
public final class AlertService {
    private static final Logger LOG = LoggerFactory.getLogger(AlertService.class);
    public static final String ENVIRONMENT = "default";

    private final AlertStore store;
    private final Config config;
    private final String localHostId;
    private final Clock clock;
    private final PackService packs;
    private final AuditService audits;
    private final List<HostFacts> facts;

    public AlertService(Graph graph, Config config, String localHostId, Clock clock, PackService packs,
                        AuditService audits, List<HostFacts> facts) {
        this.store = new AlertStore(graph);
        this.config = config;
        this.localHostId = localHostId;
        this.clock = clock;
        this.packs = packs;
        this.audits = audits;
        this.facts = List.copyOf(facts);
    }

    /**
     * Checks every host with assigned packs and drift detection on (or only {@code hostRef}), each
     * pack separately, and moves each (host, pack)'s alert accordingly.
     *
     * @param hostRef id or name, or null for every host
     * @param trigger what started it: {@code schedule}, {@code catch-up}, {@code manual}, {@code silence-end}
     */
    public CheckReport check(String hostRef, String trigger) {
        String hostId = null;
        if (hostRef != null) {
            hostId = packs.resolveHost(hostRef).id();
        }
        List<AlertStore.Candidate> candidates = store.candidates(hostId);
        if (hostRef != null && candidates.isEmpty()) {
            throw new WatchmanException(ExitCode.REFUSED, "no packs are assigned to host " + hostRef
                    + "; assign one with: watchman packs assign " + hostRef + " linux-baseline");
        }
        CheckReport report = checkHosts(candidates);
        LOG.info("drift check ({}): {} host(s) checked, {} skipped", trigger, report.hostsChecked(),
                report.hostsSkipped());
        return report;
    }

    /** Checks each host; a host counts as checked when at least one of its packs was. */
    private CheckReport checkHosts(List<AlertStore.Candidate> candidates) {
        List<PackOutcome> outcomes = new ArrayList<>();
        int checked = 0;
        for (AlertStore.Candidate c : candidates) {
            List<PackOutcome> host = checkHost(c);
            outcomes.addAll(host);
            if (host.stream().anyMatch(o -> o.action() != Action.SKIPPED)) {
                checked++;
            }
        }
        return new CheckReport(outcomes, checked, candidates.size() - checked);
    }

    private List<PackOutcome> checkHost(AlertStore.Candidate c) {
        PackService.HostRef host = new PackService.HostRef(c.hostId(), c.hostName());
        if (!c.enabled()) {
            return skipAll(c, "drift detection is off for this host (watchman host set " + name(c)
                    + " --drift-detection=true)", false);
        }
        Instant now = clock.instant();
        Duration window = config.schedule().offlineAfter();
        if (!c.hostId().equals(localHostId) && (c.lastSeen() == null || c.lastSeen().isBefore(now.minus(window)))) {
            return skipAll(c, "offline: no heartbeat within " + Durations.format(window)
                    + (c.lastSeen() == null ? "" : " (last " + c.lastSeen() + ")"), true);
        }
        HostFacts source = facts.stream().filter(f -> f.reaches(host)).findFirst().orElse(null);
        if (source == null) {
            return skipAll(c, "cannot be reached from here: its packs are checked by the watchman on it", true);
        }
        List<Pack> assigned;
        try {
            assigned = packs.assignedTo(c.hostId());
            packs.record(assigned);
        } catch (WatchmanException e) {
            return skipAll(c, e.getMessage(), true);
        }
        Instant at = clock.instant();
        List<AuditService.PackCheck> checks;
        try {
            checks = audits.checkPacks(host, ENVIRONMENT, source.root(host), at,
                    () -> withTimeout(() -> source.check(host, assigned), config.schedule().checkTimeout()));
        } catch (RuntimeException e) {
            String why = e instanceof CheckTimedOut ? e.getMessage() : "check failed: " + oneLine(e);
            LOG.error("drift check of {} skipped, no alert: {}", name(c), why);
            LOG.debug("drift check of {} failed", name(c), e);
            return skipAll(c, why, false);
        }
        List<PackOutcome> out = new ArrayList<>();
        for (AuditService.PackCheck check : checks) {
            out.add(moveAlert(c, check, at));
        }
        return out;
    }

    /** The lifecycle step for one (host, pack) after its check was recorded. */
    private PackOutcome moveAlert(AlertStore.Candidate c, AuditService.PackCheck check, Instant at) {
        String pack = check.pack();
        int n = check.mismatches().size();
        AlertDecision.Before before = store.before(c.hostId(), pack, at, check.auditId());
        AlertDecision.Hold silence = store.covering(c.hostId(), pack, at);
        AlertDecision d = AlertDecision.decide(check.compliant(), before, silence);
        String diffUrl = diffUrl(c.hostId(), pack);
        String message = n + " items no longer compliant with " + pack;
        AlertRow change = AlertRow.of("alert-" + UUID.randomUUID(), c.hostId(), c.hostName(), pack,
                "Configuration drift on " + c.hostName(), message, n, diffUrl, at, check.auditId());
        String alertId = null;
        Action action = d.action();
        switch (d.action()) {
            case CREATED -> {
                AlertStore.Raised r = store.create(change, NotificationRow.of(change.id(), NotificationKind.DRIFT,
                        SlackMessage.drift(c.hostName(), pack, n, diffUrl), at));
                alertId = r.id();
                if (!r.created()) {
                    action = Action.UPDATED;
                }
                LOG.warn("config drift on {}: {} ({} alert {})", name(c), message, r.created() ? "raised" : "updated",
                        alertId);
            }
            case UPDATED -> alertId = store.update(change);
            case RESOLVED -> {
                alertId = store.resolve(c.hostId(), pack, at, check.auditId(), id -> d.send()
                        ? NotificationRow.of(id, NotificationKind.RESOLVED,
                                SlackMessage.resolved(c.hostName(), pack, diffUrl), at) : null);
                LOG.info("{} is compliant with {} again: alert {} resolved", name(c), pack, alertId);
            }
            default -> {
            }
        }
        return new PackOutcome(c.hostId(), c.hostName(), pack, check.compliant(), n, action, d.reason(), alertId,
                check.auditId());
    }

    private List<PackOutcome> skipAll(AlertStore.Candidate c, String reason, boolean warn) {
        if (warn) {
            LOG.warn("drift check of {} skipped, no alert: {}", name(c), reason);
        } else {
            LOG.info("drift check of {} skipped: {}", name(c), reason);
        }
        return c.packs().stream().sorted().map(p -> new PackOutcome(c.hostId(), c.hostName(), p, null, 0,
                Action.SKIPPED, reason, null, null)).toList();
    }

    private static String name(AlertStore.Candidate c) {
        return c.hostName() == null ? c.hostId() : c.hostName();
    }

    /** The diff view's address, on the API's public base. */
    public String diffUrl(String hostId, String pack) {
        return config.api().linkBase() + "/hosts/" + encode(hostId) + "/drift?pack=" + encode(pack);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static final class CheckTimedOut extends RuntimeException {
        CheckTimedOut(String message) {
            super(message);
        }
    }

    @FunctionalInterface
    private interface Gather<T> {
        T get() throws Exception;
    }

    /** Runs {@code work} on its own thread; one that takes longer than {@code limit} is abandoned (interrupted). */
    private static <T> T withTimeout(Gather<T> work, Duration limit) throws IOException {
        ExecutorService one = Executors.newSingleThreadExecutor(Threads.named("check"));
        try {
            Future<T> f = one.submit(work::get);
            return f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new CheckTimedOut("timed out after " + Durations.format(limit) + " ([schedule] check_timeout)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CheckTimedOut("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        } finally {
            one.shutdownNow();
        }
    }

    private static String oneLine(Throwable t) {
        Throwable e = t instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : t;
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s+", " ").strip();
    }

    /** @param status active, resolved, or null for all */
    public List<Alert> alerts(String status, String hostRef, int limit) {
        String hostId = hostRef == null ? null : packs.resolveHost(hostRef).id();
        return store.list(status, hostId, limit);
    }

    public DriftView driftView(String hostId, String pack) {
        Map<String, Object> r = store.driftView(hostId, pack);
        if (r == null) {
            return null;
        }
        List<DriftView.Row> rows = new ArrayList<>();
        Object ms = r.get("mismatches");
        if (ms instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m) {
                    rows.add(new DriftView.Row(str(m.get("path")), str(m.get("rule")), str(m.get("severity")),
                            str(m.get("expected")), str(m.get("actual"))));
                }
            }
        }
        return new DriftView(hostId, Cells.string(r, "hostName"), pack, Cells.string(r, "packVersion"),
                Alert.time(r, "checkedAt"), Cells.string(r, "status"), rows, Alert.time(r, "lastPassed"),
                Cells.string(r, "alertId"), Alert.time(r, "alertSince"));
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    /** `watchman host set HOST --drift-detection=…`. */
    public Map<String, Object> setDriftDetection(String hostRef, boolean enabled) {
        PackService.HostRef host = packs.resolveHost(hostRef);
        Map<String, Object> r = store.setDriftDetection(host.id(), enabled);
        LOG.info("drift detection {} for host {}", enabled ? "on" : "off", host.id());
        return r;
    }

    /**
     * Holds back alerts (and their messages) for {@code hostRef}, one pack or all, for {@code span}
     * from now. Checks still run and are recorded meanwhile.
     */
    public Silence silence(String hostRef, String pack, Duration span, String reason) {
        PackService.HostRef host = packs.resolveHost(hostRef);
        if (pack != null) {
            packs.find(pack);
        }
        if (span.isZero() || span.isNegative()) {
            throw new WatchmanException(ExitCode.USAGE, "silence --for must be longer than 0");
        }
        Instant now = clock.instant();
        SilenceRow row = new SilenceRow("silence-" + UUID.randomUUID(), host.id(), host.name(), pack, reason, now,
                now.plus(span));
        store.createSilence(row);
        LOG.info("silence {} on {} ({}) until {}: {}", row.id(), host.id(), pack == null ? "every pack" : pack,
                row.endsAt(), reason);
        return row.view();
    }

    public List<Silence> silences(boolean all) {
        return store.silences(clock.instant(), all);
    }

    /** Ends a silence now; drift still present is raised at the next follow-up or check. */
    public boolean removeSilence(String id) {
        Boolean ended = store.removeSilence(id, clock.instant());
        if (ended == null) {
            throw new WatchmanException(ExitCode.NOT_FOUND, "no silence with id '" + id
                    + "'; list them with: watchman silence list --all");
        }
        return ended;
    }

    /**
     * Checks the hosts whose silences have ended since the last follow-up, so drift still present
     * raises its alert when the silence ends rather than at the next daily check.
     */
    public CheckReport followUpSilences() {
        Instant now = clock.instant();
        Map<String, String> ended = store.endedSilences(now);
        List<AlertStore.Candidate> hosts = new ArrayList<>();
        for (String hostId : new LinkedHashSet<>(ended.values())) {
            hosts.addAll(store.candidates(hostId));
        }
        CheckReport report = checkHosts(hosts);
        if (!ended.isEmpty()) {
            store.markEndChecked(List.copyOf(ended.keySet()), now);
            LOG.info("{} silence(s) ended: {} host(s) checked, {} skipped", ended.size(), report.hostsChecked(),
                    report.hostsSkipped());
        }
        return report;
    }
}
