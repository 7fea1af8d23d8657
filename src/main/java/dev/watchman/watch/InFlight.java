package dev.watchman.watch;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a changed regular file may be hashed and recorded now, or is still being
 * written (in flight) and should be looked at again later, so that a large copy is one version,
 * not the half-written file the watcher happened to see first.
 *
 * <p>A file is in flight while a process has it open for writing ({@link WriterProbe}), or, when
 * that cannot be asked, while its ctime keeps moving (every write moves it, with size and mtime).
 * An in-flight file is recorded once the writer is gone, once it has been still for the settle
 * time (a log whose writer keeps it open), or, at the latest, once it has been in flight for the
 * limit (a writer that never stops): waiting is bounded. After hashing, the file is stat'ed again
 * and the hash thrown away if the file moved while it was read. Not thread-safe: the watcher
 * thread owns it.
 */
final class InFlight {
    private static final Logger log = LoggerFactory.getLogger(InFlight.class);

    static final Duration DEFAULT_SETTLE = Duration.ofSeconds(2);
    static final Duration DEFAULT_LIMIT = Duration.ofSeconds(30);
    /**
     * How often a file with an open writer is asked again: closing it makes no event through the
     * JDK, so this bounds how late the end of a write that paused before its close is noticed.
     */
    private static final long PROBE_INTERVAL_NANOS = Duration.ofMillis(100).toNanos();

    private final long settleNanos;
    private final long limitNanos;
    private final long debounceNanos;
    private final boolean probe;
    /** Path → when it was first found in flight (System.nanoTime). */
    private final Map<String, Long> since = new HashMap<>();

    InFlight(Duration settle, Duration limit, long debounceNanos, boolean probe) {
        this.settleNanos = settle.toNanos();
        this.limitNanos = limit.toNanos();
        this.debounceNanos = debounceNanos;
        this.probe = probe && WriterProbe.available();
    }

    /**
     * Before hashing {@code p} (stat {@code st}, changed since last recorded): 0 to go ahead, else
     * how long to wait before looking again (new kernel events may bring the look forward).
     * {@code requested}: a {@link TreeWatcher#rescan()} caller waits, so mere recency is no reason to wait.
     */
    long beforeHash(Path p, FileStates.Stat st, boolean requested) {
        String key = p.toString();
        long now = System.nanoTime();
        Long first = since.get(key);
        if (first != null && now - first >= limitNanos) {
            log.debug("{} still being written after {} ms; recording it as it is", p, (now - first) / 1_000_000);
            return 0;
        }
        WriterProbe.Answer open = probe ? WriterProbe.check(p) : WriterProbe.Answer.UNKNOWN;
        if (open == WriterProbe.Answer.CLOSED) {
            return 0;
        }
        long age = sinceLastChange(st);
        long need;
        long recheck = Long.MAX_VALUE;
        if (open == WriterProbe.Answer.OPEN) {
            need = settleNanos;
            recheck = Math.max(PROBE_INTERVAL_NANOS, debounceNanos);
        } else if (first == null) {
            // No probe: a change younger than the debounce means writes are still arriving (a
            // look forced by a long write, or a scan); otherwise this is the ordinary quiet file.
            if (requested || age >= debounceNanos) {
                return 0;
            }
            need = debounceNanos;
        } else {
            // Seen being written before: the longer the write has lasted, the longer a pause has
            // to be to count as its end, up to the settle time.
            need = Math.max(debounceNanos, Math.min(settleNanos, now - first));
        }
        if (age >= need) {
            return 0;
        }
        if (first == null) {
            since.put(key, now);
        }
        return Math.min(need - age, recheck);
    }

    /**
     * After hashing: {@code before} is the stat the hash started from, {@code after} a fresh one
     * ({@code null}: gone). 0 when the hash is of a file that stood still while read, else how long
     * to wait before hashing it again.
     */
    long afterHash(Path p, FileStates.Stat before, FileStates.Stat after) {
        if (before.equals(after)) {
            return 0;
        }
        String key = p.toString();
        long now = System.nanoTime();
        Long first = since.putIfAbsent(key, now);
        if (first != null && now - first >= limitNanos) {
            return 0;
        }
        log.debug("{} changed while it was hashed; looking again", p);
        return Math.max(debounceNanos, 1);
    }

    /** A version of {@code p} was recorded, or {@code p} is gone: whatever comes next starts afresh. */
    void done(String key) {
        since.remove(key);
    }

    /**
     * Nanoseconds since the last write or attribute change, never negative. ctime rather than
     * mtime: any process may set mtime (into the future, too); ctime is the kernel's clock.
     */
    private static long sinceLastChange(FileStates.Stat st) {
        return Math.max(Duration.between(st.ctime(), Instant.now()).toNanos(), 0);
    }
}
