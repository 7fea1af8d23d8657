package dev.watchman.watch;

import java.nio.file.Path;

/**
 * The event source for what inotify does not cover in a REALTIME root: a root that ran out of
 * watches, or whose parent's watch is gone (it is placed again first). Every poll interval it asks
 * the {@link Debouncer} for a deep look at the root, so that polled and kernel-reported paths go
 * the same way: debouncer, {@link RootScanner}, {@link Reconciler}. Runs on the root's thread.
 */
final class DegradedPoller {
    private final Path root;
    private final long intervalNanos;
    private long next;

    /** @param now System.nanoTime when the root's thread starts: the first poll is one interval later */
    DegradedPoller(Path root, long intervalNanos, long now) {
        this.root = root;
        this.intervalNanos = intervalNanos;
        this.next = now + intervalNanos;
    }

    /** Once the interval is up: the root goes to {@code debouncer}, due now, when inotify does not cover it. */
    void poll(long now, InotifyRegistry registry, Debouncer debouncer) {
        if (now - next < 0) {
            return;
        }
        next = now + intervalNanos;
        if (registry.degraded()) {
            debouncer.lookNow(root, now);
        } else if (!registry.parentWatched()) {
            registry.watchParent();
            debouncer.lookNow(root, now);
        }
    }
}
