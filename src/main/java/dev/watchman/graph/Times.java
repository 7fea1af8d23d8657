package dev.watchman.graph;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;

/** The one conversion between Java time and the graph's: every time is stored as a UTC {@code datetime}. */
public final class Times {
    private Times() {
    }

    /** {@code i} as the graph stores it; null stays null. */
    public static ZonedDateTime utc(Instant i) {
        return i == null ? null : i.atZone(ZoneOffset.UTC);
    }

    /** A file time in nanoseconds since the epoch (a stat's mtime) as the graph stores it. */
    public static ZonedDateTime ofEpochNanos(long nanos) {
        return utc(Instant.ofEpochSecond(0, nanos));
    }

    /** A {@code datetime} read back (or any other temporal value with an instant) as an Instant; null otherwise. */
    public static Instant instant(Object value) {
        return value instanceof TemporalAccessor t ? Instant.from(t) : null;
    }
}
