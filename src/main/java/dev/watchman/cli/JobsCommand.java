package dev.watchman.cli;

import dev.watchman.ExitCode;
import dev.watchman.schedule.CronSchedule;
import dev.watchman.schedule.JobRun;
import dev.watchman.schedule.JobRuns;
import dev.watchman.schedule.ScheduleEndpoint;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "Shows when serve's scheduled jobs run next (from the config) and their recent runs, newest first.")
final class JobsCommand extends GraphCommand {
    @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
            description = "At most N runs (default: ${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    Options.Json json;

    @Override
    void checkArguments() {
        Options.checkLimit(limit, "runs");
    }

    @Override
    int run(Context ctx) {
        CronSchedule drift = ScheduleEndpoint.driftCheck(ctx.config().schedule());
        Instant next = drift.next(ctx.app().clock().instant());
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("job", ScheduleEndpoint.DRIFT_CHECK);
        job.put("cron", drift.expression());
        job.put("timezone", drift.zone().getId());
        // In the configured zone, so "06:00" reads as 06:00; null when the expression matches no date.
        job.put("nextDue", next == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(drift.local(next)));
        List<Map<String, Object>> runs = new ArrayList<>();
        for (JobRun r : new JobRuns(ctx.graph()).recent(limit)) {
            runs.add(row(r));
        }
        if (json.on) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("jobs", List.of(job));
            out.put("runs", runs);
            Output.printJson(ctx.out(), out);
        } else {
            ctx.out().println(ScheduleEndpoint.DRIFT_CHECK + " " + drift + ": "
                    + (next == null ? "never due (matches no date)" : "next at " + drift.local(next)));
            ctx.out().println();
            Output.printTable(ctx.out(), runs);
        }
        return ExitCode.OK;
    }

    private static Map<String, Object> row(JobRun r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job", r.job());
        m.put("trigger", r.trigger());
        m.put("startedAt", r.startedAt());
        m.put("finishedAt", r.finishedAt());
        m.put("status", r.status());
        m.put("hostsChecked", r.hostsChecked());
        m.put("hostsSkipped", r.hostsSkipped());
        m.put("error", r.error());
        return m;
    }
}
