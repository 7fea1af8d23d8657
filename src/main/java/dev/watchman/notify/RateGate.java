package dev.watchman.notify;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * At most one post per {@link #SPACING} to one webhook (Slack's limit for incoming webhooks). Real
 * time on purpose, not the injectable Clock: it paces the wire, and a test's frozen clock must not
 * hang it. One gate per webhook per JVM, so two outboxes on one webhook share it.
 */
final class RateGate {
    static final Duration SPACING = Duration.ofSeconds(1);
    private static final Map<String, RateGate> BY_WEBHOOK = new ConcurrentHashMap<>();

    private long lastNanos;
    private boolean used;

    static RateGate of(String webhookUrl) {
        return BY_WEBHOOK.computeIfAbsent(webhookUrl, u -> new RateGate());
    }

    /** Waits until a post may go out, and counts it as gone. */
    synchronized void pass() throws InterruptedException {
        if (used) {
            long wait = lastNanos + SPACING.toNanos() - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
        used = true;
        lastNanos = System.nanoTime();
    }
}
