package dev.watchman.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.Optional;

/**
 * A five-field (Unix) cron expression read as wall-clock time in a zone: {@code "0 6 * * *"} in
 * Europe/London is 06:00 in London in winter (06:00Z) and in summer (05:00Z).
 *
 * <p>cron-utils finds the matching wall-clock times on a zone without transitions (UTC), and this
 * class maps them to instants itself, because cron-utils' own zoned arithmetic drops a daily run that
 * falls in a spring-forward gap and disagrees with itself across a fall-back. The rules:
 * <ul>
 * <li>a wall time skipped by a spring-forward gap is due as if the clocks had not jumped (01:30 in
 *     London on the last Sunday of March is due at 02:30 BST), like {@link ZonedDateTime#ofLocal};
 * <li>a wall time that a fall-back repeats is due once, at its first occurrence (the earlier offset):
 *     a daily job never runs twice in one night, at the price that an every-few-minutes job pauses
 *     for the repeated hour.
 * </ul>
 * {@link #next} and {@link #last} follow the same rules, so {@code next(last(t)) == next(t)} always.
 */
public final class CronSchedule {
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final String expression;
    private final ZoneId zone;
    private final ExecutionTime times;

    /**
     * @throws IllegalArgumentException one line, when {@code expression} is not a five-field cron expression
     */
    public CronSchedule(String expression, ZoneId zone) {
        this.expression = expression.strip();
        this.zone = zone;
        try {
            this.times = ExecutionTime.forCron(PARSER.parse(this.expression).validate());
        } catch (IllegalArgumentException e) {
            String why = e.getMessage() == null ? "invalid" : e.getMessage().replaceAll("\\s+", " ").strip();
            throw new IllegalArgumentException("'" + expression + "' is not a five-field cron expression ("
                    + why + ")", e);
        }
    }

    public String expression() {
        return expression;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The first due time strictly after {@code after}; null when the expression matches no date (Feb 30). */
    public Instant next(Instant after) {
        LocalDateTime wall = after.atZone(zone).toLocalDateTime();
        ZoneOffsetTransition t = zone.getRules().previousTransition(after.plusNanos(1));
        if (t != null && t.isGap() && after.isBefore(t.getInstant().plus(t.getDuration()))) {
            // Just after a spring-forward: wall times in the gap are due up to one gap length after it.
            wall = wall.minus(t.getDuration());
        }
        while (true) {
            Optional<ZonedDateTime> c = times.nextExecution(wall.atZone(ZoneOffset.UTC));
            if (c.isEmpty()) {
                return null;
            }
            wall = c.get().toLocalDateTime();
            Instant at = instant(wall);
            // Only a repeated wall time (first occurrence already past) maps back to or before `after`.
            if (at.isAfter(after)) {
                return at;
            }
        }
    }

    /** The latest due time at or before {@code atOrBefore}; null when there is none. */
    public Instant last(Instant atOrBefore) {
        // cron-utils' lastExecution is strictly before its argument, and due times fall on whole minutes.
        LocalDateTime ceiling = atOrBefore.atZone(zone).toLocalDateTime().truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        ZoneOffsetTransition t = zone.getRules().previousTransition(atOrBefore.plusNanos(1));
        if (t != null && t.isOverlap() && ceiling.isBefore(t.getDateTimeBefore())) {
            // In the repeated hour, wall times later than now's already happened (first occurrence).
            ceiling = t.getDateTimeBefore();
        }
        while (true) {
            Optional<ZonedDateTime> c = times.lastExecution(ceiling.atZone(ZoneOffset.UTC));
            if (c.isEmpty()) {
                return null;
            }
            ceiling = c.get().toLocalDateTime();
            Instant at = instant(ceiling);
            // A gap's wall time is due after the gap, possibly after atOrBefore: look further back.
            if (!at.isAfter(atOrBefore)) {
                return at;
            }
        }
    }

    /** {@code at} as a time in this schedule's zone, for messages: {@code 2026-12-04T06:00Z[Europe/London]}. */
    public ZonedDateTime local(Instant at) {
        return at == null ? null : at.atZone(zone);
    }

    private Instant instant(LocalDateTime wall) {
        return ZonedDateTime.ofLocal(wall, zone, null).toInstant();
    }

    /** {@code "0 6 * * *" in Europe/London}. */
    @Override
    public String toString() {
        return "\"" + expression + "\" in " + zone.getId();
    }
}
