package dev.watchman.schedule;

import dev.watchman.graph.Graph;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs at the times of their {@link CronSchedule}s and records every run as a {@code :JobRun}
 * (through {@link JobRunRecorder}). It has no thread: its owner calls {@link #tick} every few seconds
 * (serve's lifecycle does, see {@link ScheduleEndpoint}), tests call it after moving their clock.
 * Time comes only from the {@link Clock}.
 *
 * <p>The one rule behind both the schedule and the catch-up: a due time is covered by a run that
 * started at or after it. So a tick at or after a job's next due time runs it once and the job is
 * next due at the first due time after that run started: due times missed in between (the machine
 * slept) collapse into that one run, and one that passes while the run is going runs once after it.
 * A failing run is logged, recorded failed, and the job is due again at its next time. One job never
 * has two runs at once.
 */
public final class Scheduler implements AutoCloseable {
    /** Triggers: a due time came; a due time passed while serve was down; someone asked. */
    public static final String SCHEDULE = "schedule";
    public static final String CATCH_UP = "catch-up";
    public static final String MANUAL = "manual";

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    private static final class Entry {
        final String name;
        final CronSchedule schedule;
        final ScheduledJob body;
        final AtomicBoolean running = new AtomicBoolean();
        /** Null until started, and for a schedule that matches no date. */
        volatile Instant nextDue;
        volatile String dueTrigger = SCHEDULE;

        Entry(String name, CronSchedule schedule, ScheduledJob body) {
            this.name = name;
            this.schedule = schedule;
            this.body = body;
        }
    }

    private final JobRunStore store;
    private final JobRunRecorder recorder;
    private final Clock clock;
    private final String hostId;
    private final Map<String, Entry> jobs = new LinkedHashMap<>();
    /** Held by whoever starts or ticks: a tick that finds it held has nothing to do. */
    private final ReentrantLock ticking = new ReentrantLock();
    /** Runs this process has going: never "leftovers" to mark interrupted. */
    private final Set<String> ownRuns = ConcurrentHashMap.newKeySet();
    private volatile boolean started;
    private volatile boolean closed;

    /** @param hostId this machine's :Host id: the runs are recorded {@code -[:RAN_ON]->} it */
    public Scheduler(Graph graph, Clock clock, String hostId) {
        this.store = new JobRunStore(graph);
        this.recorder = new JobRunRecorder(store, clock, hostId, ownRuns);
        this.clock = clock;
        this.hostId = hostId;
    }

    /** Adds a job, before {@link #start}. */
    public synchronized void add(String job, CronSchedule schedule, ScheduledJob run) {
        if (started) {
            throw new IllegalStateException("job " + job + " added after the scheduler started");
        }
        if (jobs.putIfAbsent(job, new Entry(job, schedule, run)) != null) {
            throw new IllegalArgumentException("job " + job + " added twice");
        }
        if (schedule.next(clock.instant()) == null) {
            LOG.warn("job {} is never due: {} matches no date", job, schedule);
        }
    }

    /**
     * Recovers, then catches up, on the calling thread; does nothing once started. Recovering marks
     * this host's runs of these jobs still recorded running as interrupted (serve stopped during
     * them). Catching up runs a job once, now, with trigger {@value #CATCH_UP}, when its latest due
     * time at or before now is after its last run on this host started, however many due times were
     * missed; otherwise the job is next due at its first due time at or after now. A job that never
     * ran on this host is not caught up: nothing says a run was missed (serve was just installed, or
     * the job is new), and a first start must not set off a check of every host the moment it comes
     * up; it runs at its first due time.
     *
     * @throws dev.watchman.WatchmanException when the graph cannot be read or written ({@link #tick} retries)
     */
    public void start() {
        ticking.lock();
        try {
            if (!started && !closed) {
                recover();
                runDue();
            }
        } finally {
            ticking.unlock();
        }
    }

    /**
     * Starts if not yet started (a failure is logged once and retried next tick), records run ends
     * that a Neo4j outage held back, then runs every job that is due. Returns at once while another
     * tick (or {@link #start}) is going, and after {@link #close}. Never throws.
     */
    public void tick() {
        if (closed || !ticking.tryLock()) {
            return;
        }
        try {
            if (!started) {
                try {
                    recover();
                    recorder.up();
                } catch (RuntimeException e) {
                    recorder.down("start (mark interrupted runs, read the last runs)", e);
                    return;
                }
            }
            recorder.retryHeldBack();
            runDue();
        } finally {
            ticking.unlock();
        }
    }

    /**
     * Runs {@code job} now on the calling thread, recorded with {@code trigger} (e.g. {@value #MANUAL});
     * like any run, it covers the due times at or before its start.
     *
     * @return the run as recorded; null when a run of {@code job} is already going
     * @throws IllegalArgumentException for a job never added
     * @throws dev.watchman.WatchmanException when the run's start cannot be recorded (then it does not run)
     */
    public JobRun runNow(String job, String trigger) {
        Entry e;
        synchronized (this) {
            e = jobs.get(job);
        }
        if (e == null) {
            throw new IllegalArgumentException("no job " + job + "; jobs: " + names());
        }
        return run(e, trigger);
    }

    /** When {@code job} is next due; null before {@link #start} and for a schedule that matches no date. */
    public Instant nextDue(String job) {
        Entry e;
        synchronized (this) {
            e = jobs.get(job);
        }
        return e == null ? null : e.nextDue;
    }

    /** Ticks from now on do nothing; a run going on finishes (serve stops the thread it runs on first). */
    @Override
    public void close() {
        closed = true;
    }

    private synchronized List<String> names() {
        return List.copyOf(jobs.keySet());
    }

    private synchronized List<Entry> entries() {
        return List.copyOf(jobs.values());
    }

    private void recover() {
        Instant now = clock.instant();
        for (JobRun r : store.markInterrupted(hostId, names(), ownRuns)) {
            LOG.warn("job {}: the run started at {} did not finish (serve stopped during it); recorded as interrupted",
                    r.job(), r.startedAt());
        }
        for (Entry e : entries()) {
            JobRun last = store.last(e.name, hostId);
            Instant due = e.schedule.last(now);
            if (last != null && last.startedAt() != null && due != null && due.isAfter(last.startedAt())) {
                LOG.info("job {}: due at {} while serve was down (last run started {}); running it once now",
                        e.name, e.schedule.local(due), last.startedAt());
                e.dueTrigger = due.isBefore(now) ? CATCH_UP : SCHEDULE;
                e.nextDue = due;
            } else {
                // At or after now: a start exactly at a due time runs it.
                e.nextDue = e.schedule.next(now.minusNanos(1));
            }
        }
        started = true;
    }

    private void runDue() {
        for (Entry e : entries()) {
            Instant due = e.nextDue;
            if (closed) {
                return;
            }
            if (due != null && !clock.instant().isBefore(due)) {
                try {
                    run(e, e.dueTrigger);
                } catch (RuntimeException x) {
                    // Nothing ran and the job is still due: the next tick tries again.
                    recorder.down("record the start of job " + e.name, x);
                }
            }
        }
    }

    private JobRun run(Entry e, String trigger) {
        if (!e.running.compareAndSet(false, true)) {
            LOG.debug("job {}: a run is still going; the {} run waits for it", e.name, trigger);
            return null;
        }
        try {
            JobRunRecorder.Started run = recorder.begin(e.name, trigger);
            JobRun done = recorder.execute(run, e.body);
            e.nextDue = e.schedule.next(run.startedAt());
            e.dueTrigger = SCHEDULE;
            recorder.finish(done);
            return done;
        } finally {
            e.running.set(false);
        }
    }
}
