package dev.watchman;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one way Watchman makes threads: named after what they do ({@code watchman-<name>-<n>}), so a
 * thread dump says which root or job each belongs to, and stopped by {@link #stop}, which waits.
 */
public final class Threads {
    private Threads() {
    }

    /** Daemon threads named {@code watchman-<name>-1}, {@code -2}, …; a lone thread drops the number. */
    public static ThreadFactory named(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "watchman-" + name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** One daemon thread named {@code watchman-<name>}, not started. */
    public static Thread thread(String name, Runnable body) {
        Thread t = new Thread(body, "watchman-" + name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Stops {@code pool}: no new tasks, running ones get {@code grace} to finish, then are
     * interrupted and awaited as long again. True when every thread is gone.
     */
    public static boolean stop(ExecutorService pool, Duration grace) {
        pool.shutdown();
        try {
            if (pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            pool.shutdownNow();
            return pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
