package dev.watchman.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run as the graph and the log see it: "running" recorded before the job starts, the job run
 * with every failure caught (an exception escaping a scheduled task would cancel it for good), the
 * end recorded after. An end that cannot be recorded (Neo4j down) is held and retried every tick;
 * an outage is logged once when it starts and once when it ends.
 */
final class JobRunRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    static final int MAX_ERROR = 500;

    record Started(String id, String job, String trigger, Instant startedAt) {
    }

    private final JobRunStore store;
    private final Clock clock;
    private final String hostId;
    private final Set<String> ownRuns;
    private final Queue<JobRun> heldBack = new ConcurrentLinkedQueue<>();
    private boolean down;

    JobRunRecorder(JobRunStore store, Clock clock, String hostId, Set<String> ownRuns) {
        this.store = store;
        this.clock = clock;
        this.hostId = hostId;
        this.ownRuns = ownRuns;
    }

    /** Records the run as running; throws (and nothing runs) when that cannot be recorded. */
    Started begin(String job, String trigger) {
        Started s = new Started("jobrun-" + UUID.randomUUID(), job, trigger, clock.instant());
        store.begin(new JobRunStart(s.id(), job, trigger, hostId, s.startedAt()));
        ownRuns.add(s.id());
        up();
        LOG.info("job {} ({}) started", job, trigger);
        return s;
    }

    /** Runs the job; whatever it throws becomes a failed (or, when serve is stopping, interrupted) run. */
    JobRun execute(Started s, ScheduledJob body) {
        String status;
        String error;
        try {
            JobOutcome outcome = body.run(s.trigger());
            if (outcome == null) {
                throw new IllegalStateException("the job returned no outcome");
            }
            Instant at = clock.instant();
            LOG.info("job {} ({}) done in {}: {} hosts checked, {} skipped", s.job(), s.trigger(),
                    took(s.startedAt(), at), outcome.hostsChecked(), outcome.hostsSkipped());
            return ended(s, at, JobRun.OK, outcome.hostsChecked(), outcome.hostsSkipped(), null);
        } catch (Throwable x) {
            // Throwable: a regex that overflows the stack must fail one run, not stop the schedule.
            if (x instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
                Thread.currentThread().interrupt();
                status = JobRun.INTERRUPTED;
                error = "serve stopped during the run";
            } else {
                status = JobRun.FAILED;
                error = oneLine(x);
            }
            Instant at = clock.instant();
            LOG.error("job {} ({}) {} after {}: {}", s.job(), s.trigger(), status, took(s.startedAt(), at), error);
            LOG.debug("job {} ({}) {}", s.job(), s.trigger(), status, x);
            return ended(s, at, status, null, null, error);
        }
    }

    /** Records how the run ended, or holds it for the next tick when that fails. */
    void finish(JobRun done) {
        try {
            store.finish(finishRow(done));
            ownRuns.remove(done.id());
            up();
        } catch (RuntimeException x) {
            heldBack.add(done);
            down("record the end of job " + done.job() + "'s run " + done.id(), x);
        }
    }

    /** Records the ends held back, oldest first, until one fails. */
    void retryHeldBack() {
        for (JobRun done = heldBack.peek(); done != null; done = heldBack.peek()) {
            try {
                store.finish(finishRow(done));
            } catch (RuntimeException x) {
                down("record the end of job " + done.job() + "'s run " + done.id(), x);
                return;
            }
            heldBack.remove();
            ownRuns.remove(done.id());
            up();
        }
    }

    synchronized void down(String what, RuntimeException x) {
        if (!down) {
            LOG.warn("scheduler cannot {}: {}; retrying every tick", what, oneLine(x));
        } else {
            LOG.debug("scheduler still cannot {}: {}", what, oneLine(x));
        }
        down = true;
    }

    synchronized void up() {
        if (down) {
            LOG.info("scheduler records job runs again");
            down = false;
        }
    }

    private JobRun ended(Started s, Instant at, String status, Integer checked, Integer skipped, String error) {
        return new JobRun(s.id(), s.job(), s.trigger(), hostId, s.startedAt(), at, status, checked, skipped, error);
    }

    private static JobRunFinish finishRow(JobRun r) {
        return new JobRunFinish(r.id(), r.finishedAt(), r.status(), r.hostsChecked(), r.hostsSkipped(), r.error());
    }

    /** The first line of the message (the class when there is none), cut to {@value #MAX_ERROR} characters. */
    static String oneLine(Throwable x) {
        String m = x.getMessage() == null ? "" : x.getMessage().strip();
        String first = m.isEmpty() ? x.getClass().getSimpleName() : m.lines().findFirst().orElse("").strip();
        return first.length() > MAX_ERROR ? first.substring(0, MAX_ERROR - 1) + "…" : first;
    }

    private static String took(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        return d.toMillis() < 10_000 ? d.toMillis() + " ms" : d.toSeconds() + " s";
    }
}
