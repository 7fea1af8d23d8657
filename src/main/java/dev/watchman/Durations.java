package dev.watchman;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way a person writes a span of time, in the config ({@code offline_after = "10m"}) and
 * on the command line ({@code --for 2h}): a whole number and a unit, {@code s}, {@code m},
 * {@code h} or {@code d}, optionally several ({@code 1h30m}).
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d{1,9})([smhd])");
    public static final String FORMAT = "a number and a unit s, m, h or d, e.g. 90s, 10m, 2h, 1d or 1h30m";

    private Durations() {
    }

    /** The span {@code text} names, or null when it names none (the caller says where and how to fix it). */
    public static Duration parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            return null;
        }
        Matcher m = PART.matcher(s);
        Duration total = Duration.ZERO;
        int at = 0;
        while (at < s.length()) {
            if (!m.find(at) || m.start() != at) {
                return null;
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
            at = m.end();
        }
        return total;
    }

    /** {@code d} as a person would write it back: 2h, 1h30m, 45s. */
    public static String format(Duration d) {
        long s = d.getSeconds();
        if (s == 0) {
            return "0s";
        }
        StringBuilder b = new StringBuilder();
        long[] units = {86_400, 3_600, 60, 1};
        String[] names = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (s >= units[i]) {
                b.append(s / units[i]).append(names[i]);
                s %= units[i];
            }
        }
        return b.toString();
    }
}
