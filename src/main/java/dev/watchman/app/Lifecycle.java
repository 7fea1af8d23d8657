package dev.watchman.app;

import dev.watchman.Threads;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a running Watchman owns: one scheduled executor for every periodic job (heartbeat today,
 * the scheduler's jobs and the alert outbox tomorrow) and the closeables started on top of the
 * graph (watchers, endpoints). {@link #close} stops the jobs and waits for them, then closes the
 * closeables in reverse order of start, each awaited, each failure logged and the rest still closed.
 */
public final class Lifecycle implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);
    static final Duration GRACE = Duration.ofSeconds(30);

    private record Owned(String name, AutoCloseable resource) {
    }

    private final ScheduledThreadPoolExecutor scheduler;
    private final Deque<Owned> owned = new ArrayDeque<>();
    private boolean closed;

    Lifecycle() {
        // Three threads: a long drift check never holds up the heartbeat or the outbox.
        scheduler = new ScheduledThreadPoolExecutor(3, Threads.named("job"));
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        scheduler.setRemoveOnCancelPolicy(true);
    }

    /** Closed by {@link #close} after everything registered later; returns {@code resource}. */
    public synchronized <T extends AutoCloseable> T own(String name, T resource) {
        if (closed) {
            throw new IllegalStateException("lifecycle already closed; cannot own " + name);
        }
        owned.push(new Owned(name, resource));
        return resource;
    }

    /**
     * Runs {@code job} every {@code period} after a first {@code period}. A failure is logged and
     * the job runs again next time (an exception escaping a scheduled task would cancel it for good).
     */
    public ScheduledFuture<?> every(String name, Duration period, Runnable job) {
        return scheduler.scheduleWithFixedDelay(() -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                LOG.warn("{} failed: {}", name, e.getMessage());
                LOG.debug("{} failed", name, e);
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** For jobs that need the executor itself (one-off delays). */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (!Threads.stop(scheduler, GRACE)) {
            LOG.warn("a scheduled job did not stop within {} s", GRACE.toSeconds() * 2);
        }
        while (true) {
            Owned o;
            synchronized (this) {
                o = owned.poll();
            }
            if (o == null) {
                return;
            }
            try {
                o.resource().close();
                LOG.info("{} stopped", o.name());
            } catch (Exception e) {
                LOG.warn("{} did not close cleanly: {}", o.name(), e.getMessage());
                LOG.debug("{} close failed", o.name(), e);
            }
        }
    }
}
