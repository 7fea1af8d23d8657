package dev.watchman.change;

import dev.watchman.ChangeType;
import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code get_changes} asks for. Every filter may be null (= any).
 *
 * @param path   absolute, normalised: a file, or a directory meaning everything under it
 * @param since  oldest change to return
 * @param hostId only this host's changes; null = every host
 * @param limit  at most this many, newest first
 */
public record ChangeQuery(String path, Instant since, String changeType, String source, String hostId, int limit) {
    private static final Pattern RELATIVE = Pattern.compile("(\\d+)\\s*([smhdw])");

    public ChangeQuery {
        changeType(changeType);
        if (limit < 1) {
            throw new WatchmanException(ExitCode.USAGE, "limit must be at least 1, not " + limit);
        }
        if (path != null) {
            path = normalise(path);
        }
    }

    /**
     * A change type given by a user (CLI, API): null stays null.
     *
     * @throws WatchmanException USAGE for anything but created, modified or deleted
     */
    static ChangeType changeType(String s) {
        if (s == null) {
            return null;
        }
        ChangeType t = ChangeType.parse(s);
        if (t == null) {
            throw new WatchmanException(ExitCode.USAGE, "change type '" + s + "' is not one of " + ChangeType.labels());
        }
        return t;
    }

    /** A path as the graph stores it: absolute (against the working directory), normalised. */
    /** A {@code limit} given as text ({@code --limit}, {@code ?limit=}). */
    public static int parseLimit(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw new WatchmanException(ExitCode.USAGE, "limit '" + s + "' is not a number");
        }
    }

    public static String normalise(String path) {
        return Path.of(path).toAbsolutePath().normalize().toString();
    }

    /**
     * {@code 30m}, {@code 24h}, {@code 7d}, {@code 2w} (that long before now), a date
     * {@code 2026-11-01} (its start, in the local zone), or an ISO date-time with or without an
     * offset (local zone when without); null or blank = no limit.
     */
    public static Instant parseSince(String s, Clock clock) {
        return parseTime(s, clock, "--since");
    }

    /** As {@link #parseSince}, with {@code what} naming the argument in the error (e.g. "parameter since"). */
    public static Instant parseTime(String s, Clock clock, String what) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.strip();
        Matcher m = RELATIVE.matcher(t);
        if (m.matches()) {
            try {
                long n = Long.parseLong(m.group(1));
                Duration d = switch (m.group(2)) {
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    case "d" -> Duration.ofDays(n);
                    default -> Duration.ofDays(Math.multiplyExact(7, n));
                };
                return clock.instant().minus(d);
            } catch (ArithmeticException | java.time.DateTimeException | NumberFormatException e) {
                throw notATime(s, what);
            }
        }
        ZoneId zone = clock.getZone();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            // Not with an offset: try the local forms below.
        }
        try {
            return LocalDateTime.parse(t).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            // Not a local date-time either.
        }
        try {
            return LocalDate.parse(t).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw notATime(s, what);
        }
    }

    private static WatchmanException notATime(String s, String what) {
        return new WatchmanException(ExitCode.USAGE, what + " '" + s + "' is not a duration (30m, 24h, 7d, 2w), "
                + "a date (2026-11-01) or an ISO date-time (2026-11-01T08:00:00Z)");
    }
}
