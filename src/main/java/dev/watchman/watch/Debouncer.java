package dev.watchman.watch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Holds paths back until they are quiet: every source (kernel events, the {@link DegradedPoller}
 * of a root without watches, a scan that found a file changed a moment ago, {@link InFlight} for
 * a file still being written) says which path to look at, and the path is handed out once, when it has
 * had no news for the debounce. Times are {@link System#nanoTime()} values passed in, so there is
 * no clock and no thread here; the root's loop owns it. Not thread-safe.
 */
final class Debouncer {
    /** A path that is due; {@code deep}: something was created, deleted or moved there, so a directory is listed again. */
    record Due(Path path, boolean deep) {
    }

    private final long debounceNanos;
    /**
     * A path written without pause is still looked at now and then, not only once the writer
     * pauses; {@link InFlight} decides whether what is found gets recorded.
     */
    private final long maxDelayNanos;
    private final Map<Path, Pending> pending = new LinkedHashMap<>();
    /** Paths a scan found mid-change and left for one debounce; the next look reports them. */
    private final Set<String> heldBack = new HashSet<>();

    Debouncer(long debounceNanos) {
        this.debounceNanos = debounceNanos;
        this.maxDelayNanos = Math.max(debounceNanos * 10, Duration.ofSeconds(1).toNanos());
    }

    /** Something happened at {@code p}; {@code structural}: created, deleted or moved rather than written. */
    void event(Path p, long now, boolean structural) {
        pending.computeIfAbsent(p, c -> new Pending()).touch(now, structural);
    }

    /** {@code p} is still being written: look by {@code at} even without further events (closing a file makes none). */
    void recheckAt(Path p, long at) {
        pending.computeIfAbsent(p, c -> new Pending()).recheckAt(at);
    }

    /**
     * Look at {@code p} in the next round, listing it whole: a poll found it is not (or no longer)
     * covered by kernel events. Pending events for it are folded into that look.
     */
    void lookNow(Path p, long now) {
        Pending pe = pending.computeIfAbsent(p, c -> new Pending());
        pe.recheckAt(now);
        pe.deep = true;
    }

    /** Milliseconds until the next path is due, at most {@code cap}; 0 or less: one is due now. */
    long waitMillis(long now, long cap) {
        long wait = cap;
        for (Pending p : pending.values()) {
            wait = Math.min(wait, TimeUnit.NANOSECONDS.toMillis(p.due(debounceNanos, maxDelayNanos) - now) + 1);
        }
        return wait;
    }

    /** Removes and returns the paths due at {@code now}, in the order they first came up. */
    List<Due> takeDue(long now) {
        List<Due> due = new ArrayList<>();
        Iterator<Map.Entry<Path, Pending>> it = pending.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Path, Pending> e = it.next();
            if (now - e.getValue().due(debounceNanos, maxDelayNanos) >= 0) {
                due.add(new Due(e.getKey(), e.getValue().deep));
                it.remove();
            }
        }
        return due;
    }

    /** Forgets what is pending at or below {@code dir}: a full scan of it is about to look anyway. */
    void dropUnder(Path dir) {
        pending.keySet().removeIf(p -> p.startsWith(dir));
    }

    /** Forgets everything pending: a full scan is about to look at every path. */
    void clear() {
        pending.clear();
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /**
     * A scan found {@code key} changed less than a debounce ago, perhaps still being written:
     * true the first time (leave it for one quiet period, as an event would), false when it was
     * held back already and has to be looked at now.
     */
    boolean holdBack(String key) {
        return heldBack.add(key);
    }

    /** {@code key} was looked at, or is gone: a later scan may hold it back again. */
    void release(String key) {
        heldBack.remove(key);
    }

    /** A path with events not yet looked at, or one still being written to look at again. */
    private static final class Pending {
        private boolean events;
        private long first;
        private long last;
        private boolean deep;
        private boolean recheck;
        private long recheckAt;

        void touch(long now, boolean structural) {
            if (!events) {
                events = true;
                first = now;
            }
            last = now;
            deep |= structural;
        }

        void recheckAt(long at) {
            if (!recheck || at - recheckAt < 0) {
                recheckAt = at;
            }
            recheck = true;
        }

        long due(long debounce, long maxDelay) {
            if (!events) {
                return recheckAt;
            }
            long byEvents = Math.min(last + debounce, first + maxDelay);
            return recheck && recheckAt - byEvents < 0 ? recheckAt : byEvents;
        }
    }
}
