package dev.watchman.notify;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import dev.watchman.config.Config;
import dev.watchman.graph.Graph;
import dev.watchman.graph.Tx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable outbox of alert notifications: {@link #enqueue} writes a pending :Notification in
 * the same transaction as the alert change, {@link #drain} (every second in {@code serve}) sends
 * what is due. All state is in the graph, so a restart resumes what is pending; delivery is at
 * least once (a crash between Slack's 200 and the graph's "sent" sends it again after the claim's
 * lease). The rules for each answer are {@link RetryPolicy}'s; a network error or 5xx, and a 429
 * until its Retry-After, stop all sending to the webhook (so messages go out in order once it is
 * back); at most one post per second per webhook ({@link RateGate}). Without a webhook each
 * notification is one INFO log line, marked sent on channel {@code log}.
 *
 * <p>The webhook URL is a secret: it is never in the graph, and every error or body that reaches
 * a log line or {@code lastError} goes through {@link Redaction} first.
 */
public final class Outbox {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    static final int BATCH = 100;
    /** How long a claimed notification is held before another attempt may take it (longer than a post can last). */
    static final Duration LEASE = Duration.ofMinutes(2);
    private static final Set<String> STATUSES = Set.of(AttemptRow.PENDING, AttemptRow.SENT, AttemptRow.FAILED);

    private final OutboxStore store;
    private final Clock clock;
    private final RetryPolicy policy;
    /** Null: no webhook configured, notifications go to the log. */
    private final Webhook webhook;
    private final String secret;
    private final RateGate gate;
    private Instant pausedUntil = Instant.MIN;
    private boolean webhookDown;
    private boolean graphDown;

    /** Production: Slack's webhook over HTTP when one is configured, else the log. */
    public Outbox(Graph graph, Config.Slack slack, Clock clock) {
        this(graph, slack, clock, slack.configured() ? new HttpWebhook(slack.webhookUrl()) : null);
    }

    Outbox(Graph graph, Config.Slack slack, Clock clock, Webhook webhook) {
        this(graph, slack, clock, webhook, RetryPolicy.DEFAULT);
    }

    Outbox(Graph graph, Config.Slack slack, Clock clock, Webhook webhook, RetryPolicy policy) {
        this.store = new OutboxStore(graph);
        this.clock = clock;
        this.policy = policy;
        this.webhook = slack.configured() ? webhook : null;
        this.secret = slack.webhookUrl();
        this.gate = slack.configured() ? RateGate.of(slack.webhookUrl()) : null;
    }

    /**
     * Adds a pending notification inside the caller's transaction (the one that changes the alert),
     * linked from {@code (:Alert {id: row.alertId})} when that alert exists in it. Enqueueing the
     * same (alert, kind) again changes nothing.
     */
    public static void enqueue(Tx tx, NotificationRow row) {
        OutboxStore.enqueue(tx, row);
    }

    /**
     * Sends what is due now (pending, nextAttemptAt at or before the clock's now), oldest first.
     * Never throws for delivery failures, nor while the graph is away (one log line when that
     * starts, one when it ends); an interrupt stops it, leaving the rest pending.
     *
     * @return how many were sent (to Slack or the log)
     */
    public synchronized int drain() {
        if (clock.instant().isBefore(pausedUntil)) {
            return 0;
        }
        int sent = 0;
        try {
            for (OutboxStore.Due n : store.due(clock.instant(), BATCH)) {
                if (webhook == null ? toLog(n) : toSlack(n)) {
                    sent++;
                }
                if (clock.instant().isBefore(pausedUntil)) {
                    break;
                }
            }
            if (graphDown) {
                graphDown = false;
                LOG.info("outbox reaches the graph again; pending notifications resume");
            }
        } catch (WatchmanException e) {
            if (!graphDown) {
                graphDown = true;
                LOG.warn("outbox cannot use the graph, notifications wait: {}", e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return sent;
    }

    /**
     * For {@code watchman notifications}, newest first.
     *
     * @param status {@code pending}, {@code sent}, {@code failed}, or {@code all} or null for every one
     * @throws WatchmanException exit code 2 for another status or a limit below 1
     */
    public List<NotificationView> list(String status, int limit) {
        String s = status == null || status.equals("all") ? null : status;
        if (s != null && !STATUSES.contains(s)) {
            throw new WatchmanException(ExitCode.USAGE, "notification status '" + status
                    + "' is not one of pending, sent, failed, all");
        }
        if (limit < 1) {
            throw new WatchmanException(ExitCode.USAGE, "notification limit must be at least 1, not " + limit);
        }
        return store.list(s, limit);
    }

    private boolean toLog(OutboxStore.Due n) {
        Instant now = clock.instant();
        if (store.claim(n.id(), "log", now, now.plus(LEASE)) < 0) {
            return false;
        }
        LOG.info("notification ({} for alert {}; no Slack webhook configured): {}", n.kind(), n.alertId(),
                Redaction.clean(n.text(), null));
        store.record(AttemptRow.sent(n.id(), now));
        return true;
    }

    private boolean toSlack(OutboxStore.Due n) throws InterruptedException {
        Instant claimed = clock.instant();
        int attempts = store.claim(n.id(), "slack", claimed, claimed.plus(LEASE));
        if (attempts < 0) {
            return false;
        }
        gate.pass();
        Webhook.Response answer = webhook.post(n.payload());
        Instant now = clock.instant();
        RetryPolicy.Decision d = policy.decide(answer, attempts, n.createdAt(), now);
        String error = Redaction.clean(d.error(), secret);
        switch (d.kind()) {
            case SENT -> {
                store.record(AttemptRow.sent(n.id(), now));
                if (webhookDown) {
                    webhookDown = false;
                    LOG.info("Slack webhook answers again; pending notifications resume");
                }
                return true;
            }
            case RETRY -> {
                store.record(AttemptRow.retry(n.id(), d.next(), error));
                pausedUntil = d.next();
                if (!webhookDown) {
                    webhookDown = true;
                    LOG.warn("cannot deliver to the Slack webhook ({}); notifications wait, next try at {}",
                            error, d.next());
                } else {
                    LOG.debug("Slack webhook still failing ({}); next try at {}", error, d.next());
                }
            }
            case RATE_LIMITED -> {
                store.record(AttemptRow.retry(n.id(), d.next(), error));
                pausedUntil = d.next();
                LOG.info("Slack rate-limited the webhook ({}); sending nothing to it until {}", error, d.next());
            }
            case REJECTED -> {
                store.record(AttemptRow.failed(n.id(), error));
                LOG.warn("Slack refused notification {} ({} for alert {}): {}; not retried (check [slack] "
                        + "webhook_url or SLACK_WEBHOOK_URL)", n.id(), n.kind(), n.alertId(), error);
            }
            case GAVE_UP -> {
                store.record(AttemptRow.failed(n.id(), error));
                LOG.warn("gave up on notification {} ({} for alert {}) after {} attempts: {}", n.id(), n.kind(),
                        n.alertId(), attempts, error);
            }
        }
        return false;
    }
}
