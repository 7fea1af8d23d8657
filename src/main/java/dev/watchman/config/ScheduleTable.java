package dev.watchman.config;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import dev.watchman.Durations;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;

/** {@code [schedule]}: the drift check's cron expression and time zone, and when a host counts as unreachable. */
final class ScheduleTable {
    private static final Set<String> KEYS = Set.of("drift_check", "timezone", "offline_after", "check_timeout");
    static final String DEFAULT_DRIFT_CHECK = "0 6 * * *";

    private ScheduleTable() {
    }

    static Config.Schedule parse(TableReader top) {
        TableReader t = top.table("schedule", KEYS);
        String cron = t.string("drift_check", DEFAULT_DRIFT_CHECK).strip();
        String cronProblem = cronProblem(cron);
        if (cronProblem != null) {
            throw t.bad("drift_check", "'" + cron + "' is not a cron expression (" + cronProblem
                    + "); use five fields, minute hour day-of-month month day-of-week, e.g. \"0 6 * * *\"");
        }
        String zoneName = t.stringOrNull("timezone");
        ZoneId zone;
        try {
            zone = zoneName == null || zoneName.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zoneName.strip());
        } catch (DateTimeException e) {
            throw t.bad("timezone", "'" + zoneName + "' is not a time zone; use a name such as \"Europe/London\" or \"UTC\"");
        }
        return new Config.Schedule(cron, zone, duration(t, "offline_after", "10m"), duration(t, "check_timeout", "5m"));
    }

    /** Null when {@code cron} is a valid five-field (Unix) expression, else what is wrong, in one line. */
    static String cronProblem(String cron) {
        try {
            com.cronutils.model.Cron parsed = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX))
                    .parse(cron).validate();
            // "0 0 30 2 *" parses but is never due: a schedule that silently never runs.
            boolean due = com.cronutils.model.time.ExecutionTime.forCron(parsed)
                    .nextExecution(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)).isPresent();
            return due ? null : "it matches no date";
        } catch (IllegalArgumentException e) {
            String m = e.getMessage() == null ? "invalid" : e.getMessage().replaceAll("\\s+", " ").strip();
            return m.isEmpty() ? "invalid" : m;
        }
    }

    private static Duration duration(TableReader t, String key, String dflt) {
        String v = t.string(key, dflt);
        Duration d = Durations.parse(v);
        if (d == null || d.isZero()) {
            throw t.bad(key, "'" + v + "' is not a duration; use " + Durations.FORMAT);
        }
        return d;
    }
}
