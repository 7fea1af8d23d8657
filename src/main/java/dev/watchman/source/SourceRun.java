package dev.watchman.source;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a {@link Source}'s four steps in order and says how long each took. */
public final class SourceRun {
    private static final Logger LOG = LoggerFactory.getLogger(SourceRun.class);

    /** What parse made, and the time of each step. */
    public record Result<P>(String source, P parsed, Duration scan, Duration parse, Duration write, Duration stale) {
        public Duration total() {
            return scan.plus(parse).plus(write).plus(stale);
        }
    }

    private SourceRun() {
    }

    /** Scan, parse, write, mark stale; an exception in any step stops the run there and propagates. */
    public static <S, P> Result<P> run(Source<S, P> source) {
        long t0 = System.nanoTime();
        S scanned = source.scan();
        long t1 = System.nanoTime();
        P parsed = source.parse(scanned);
        long t2 = System.nanoTime();
        source.write(parsed);
        long t3 = System.nanoTime();
        source.markStale(parsed);
        long t4 = System.nanoTime();
        Result<P> r = new Result<>(source.name(), parsed, Duration.ofNanos(t1 - t0), Duration.ofNanos(t2 - t1),
                Duration.ofNanos(t3 - t2), Duration.ofNanos(t4 - t3));
        LOG.debug("{}: scan {} ms, parse {} ms, write {} ms, mark stale {} ms", r.source(), r.scan().toMillis(),
                r.parse().toMillis(), r.write().toMillis(), r.stale().toMillis());
        return r;
    }
}
