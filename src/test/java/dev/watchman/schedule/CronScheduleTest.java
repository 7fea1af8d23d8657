package dev.watchman.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
    static final ZoneId LONDON = ZoneId.of("Europe/London");

    static Instant at(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    @Test
    void sixInTheMorningIsLocalTimeInWinterAndSummer() {
        CronSchedule six = new CronSchedule("0 6 * * *", LONDON);
        assertEquals(Instant.parse("2026-12-03T06:00:00Z"), six.next(at("2026-12-03T05:59", LONDON)));
        assertEquals(Instant.parse("2026-06-03T05:00:00Z"), six.next(at("2026-06-03T05:59", LONDON)));
        assertEquals(Instant.parse("2026-12-04T06:00:00Z"), six.next(at("2026-12-03T06:00", LONDON)),
                "next is strictly after");
        assertEquals(Instant.parse("2026-12-03T06:00:00Z"), six.last(at("2026-12-03T06:00", LONDON)),
                "last is at or before");
        assertEquals(Instant.parse("2026-12-02T06:00:00Z"), six.last(at("2026-12-03T05:59:59.999", LONDON)));
        assertEquals("2026-12-04T06:00Z[Europe/London]", six.local(six.next(at("2026-12-03T07:00", LONDON))).toString());
    }

    @Test
    void anotherExpressionInAnotherZone() {
        ZoneId ny = ZoneId.of("America/New_York");
        CronSchedule weekdays = new CronSchedule("30 22 * * 1-5", ny);
        // Friday 2026-12-04 22:30 EST, then Monday.
        Instant friday = weekdays.next(at("2026-12-04T22:29", ny));
        assertEquals(Instant.parse("2026-12-05T03:30:00Z"), friday);
        assertEquals(at("2026-12-07T22:30", ny), weekdays.next(friday));
        assertEquals(friday, weekdays.last(at("2026-12-06T12:00", ny)));
    }

    @Test
    void aDailyTimeInTheSpringGapRunsOnceAfterIt() {
        CronSchedule half = new CronSchedule("30 1 * * *", LONDON);
        // 2026-03-29: 01:00 GMT becomes 02:00 BST, so 01:30 does not exist that day.
        Instant inGap = half.next(at("2026-03-28T02:00", LONDON));
        assertEquals(Instant.parse("2026-03-29T01:30:00Z"), inGap, "02:30 BST, not skipped");
        assertEquals(Instant.parse("2026-03-30T00:30:00Z"), half.next(inGap));
        assertEquals(Instant.parse("2026-03-28T01:30:00Z"), half.last(Instant.parse("2026-03-29T01:20:00Z")));
    }

    @Test
    void aDailyTimeTheAutumnRepeatsRunsOnce() {
        CronSchedule half = new CronSchedule("30 1 * * *", LONDON);
        // 2026-10-25: 02:00 BST becomes 01:00 GMT, so 01:30 happens twice.
        Instant first = half.next(at("2026-10-24T12:00", LONDON));
        assertEquals(Instant.parse("2026-10-25T00:30:00Z"), first);
        assertEquals(Instant.parse("2026-10-26T01:30:00Z"), half.next(first), "not again at 01:30 GMT");
        assertEquals(first, half.last(Instant.parse("2026-10-25T01:45:00Z")));
    }

    @Test
    void everyFifteenMinutesPausesForTheRepeatedHour() {
        CronSchedule quarter = new CronSchedule("*/15 * * * *", LONDON);
        assertEquals(Instant.parse("2026-10-25T00:45:00Z"), quarter.last(Instant.parse("2026-10-25T01:40:00Z")));
        assertEquals(Instant.parse("2026-10-25T02:00:00Z"), quarter.next(Instant.parse("2026-10-25T00:45:00Z")));
    }

    /** Across the transitions of zones with whole-hour, half-hour and no DST: last ≤ t < next, and nothing between. */
    @Test
    void nextAndLastAgreeAroundEveryTransition() {
        List<String> broken = new ArrayList<>();
        for (String z : List.of("Europe/London", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC")) {
            ZoneId zone = ZoneId.of(z);
            List<Instant> centres = new ArrayList<>();
            Instant from = Instant.parse("2026-01-01T00:00:00Z");
            for (int i = 0; i < 2; i++) {
                ZoneOffsetTransition t = zone.getRules().nextTransition(from);
                centres.add(t == null ? from.plus(Duration.ofDays(100 * (i + 1))) : t.getInstant());
                from = t == null ? centres.get(i) : t.getInstant();
            }
            for (String expr : List.of("0 6 * * *", "*/15 * * * *", "30 1 * * *", "0 2 * * 0", "0,30 1-2 * * *")) {
                CronSchedule s = new CronSchedule(expr, zone);
                for (Instant c : centres) {
                    for (Instant t = c.minus(Duration.ofHours(30)); t.isBefore(c.plus(Duration.ofHours(30)));
                            t = t.plus(Duration.ofMinutes(7))) {
                        Instant last = s.last(t);
                        Instant next = s.next(t);
                        if (last.isAfter(t) || !next.isAfter(t) || !s.next(last).equals(next)
                                || !s.last(next).equals(next)) {
                            broken.add(s + " at " + t + ": last " + last + " next " + next + " next(last) "
                                    + s.next(last) + " last(next) " + s.last(next));
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), broken.subList(0, Math.min(5, broken.size())));
    }

    @Test
    void anExpressionMatchingNoDateIsNeverDue() {
        CronSchedule never = new CronSchedule("0 0 30 2 *", LONDON);
        assertNull(never.next(Instant.parse("2026-01-01T00:00:00Z")));
        assertNull(never.last(Instant.parse("2026-01-01T00:00:00Z")));
    }

    @Test
    void aBadExpressionIsOneLineNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CronSchedule("0 6 * *", LONDON));
        assertTrue(e.getMessage().startsWith("'0 6 * *' is not a five-field cron expression ("), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }
}
