package dev.watchman.schedule;

import dev.watchman.alert.CheckReport;
import dev.watchman.app.Application;
import dev.watchman.app.Endpoint;
import dev.watchman.config.Config;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

/**
 * The scheduler as one of serve's endpoints: job {@value #DRIFT_CHECK} runs the drift check over
 * every host at {@code [schedule] drift_check} in {@code [schedule] timezone}. It ticks on the
 * application's lifecycle every {@link #TICK}, so a run starts within that of its due time; the
 * first tick (recovery and catch-up, which may run a whole check) is handed to the lifecycle's
 * executor at once, so serve is ready without waiting for it.
 */
public final class ScheduleEndpoint implements Endpoint {
    public static final String DRIFT_CHECK = "drift_check";
    public static final Duration TICK = Duration.ofSeconds(5);

    @Override
    public String name() {
        return "scheduler";
    }

    /** The drift check's schedule as configured. */
    public static CronSchedule driftCheck(Config.Schedule schedule) {
        return new CronSchedule(schedule.driftCheck(), schedule.timezone());
    }

    @Override
    public Running start(Application app) {
        CronSchedule cron = driftCheck(app.config().schedule());
        Scheduler scheduler = new Scheduler(app.graph(), app.clock(), app.host().id());
        scheduler.add(DRIFT_CHECK, cron, trigger -> {
            CheckReport report = app.alerts().check(null, trigger);
            return new JobOutcome(report.hostsChecked(), report.hostsSkipped());
        });
        app.lifecycle().scheduler().execute(scheduler::tick);
        ScheduledFuture<?> ticks = app.lifecycle().every("scheduler", TICK, scheduler::tick);
        return Running.of(describe(cron, app.clock().instant()), () -> {
            ticks.cancel(false);
            scheduler.close();
        });
    }

    /** {@code drift_check next at 2026-12-04T06:00Z[Europe/London]}, or why it never is. */
    static String describe(CronSchedule cron, Instant now) {
        Instant next = cron.next(now);
        return DRIFT_CHECK + (next == null ? " never due (" + cron + " matches no date)"
                : " next at " + cron.local(next));
    }
}
