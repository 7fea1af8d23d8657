package dev.watchman.source;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A source as a scheduler runs it: a fresh {@link Source} for every run, never two runs of the
 * same job at once (a run still going when the next is due is skipped and logged), and a failed
 * run logged with the job's name and reported to the caller, not lost.
 */
public final class Job implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Job.class);

    private final String name;
    private final Supplier<? extends Source<?, ?>> sources;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile SourceRun.Result<?> last;

    public Job(String name, Supplier<? extends Source<?, ?>> sources) {
        this.name = name;
        this.sources = sources;
    }

    public String name() {
        return name;
    }

    /** The last run that finished, null before the first. */
    public SourceRun.Result<?> last() {
        return last;
    }

    /**
     * Runs once unless a run is still going. A failure is logged and rethrown, so a scheduler
     * wrapping this (e.g. {@code Lifecycle.every}) can count it; the next run starts afresh.
     */
    @Override
    public void run() {
        if (!running.compareAndSet(false, true)) {
            LOG.warn("job {}: the previous run is still going; skipped this one", name);
            return;
        }
        try {
            last = SourceRun.run(sources.get());
        } catch (RuntimeException e) {
            LOG.warn("job {} failed: {}", name, e.getMessage());
            throw e;
        } finally {
            running.set(false);
        }
    }
}
