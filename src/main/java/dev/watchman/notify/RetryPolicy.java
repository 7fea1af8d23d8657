package dev.watchman.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * What an answer from the webhook means for the notification: pure, so every rule is a unit test.
 * 2xx: sent. Network errors and 5xx: retry after {@code first}, doubling, capped at {@code cap}.
 * 429: retry after its {@code Retry-After} (seconds or an HTTP date; {@code defaultRetryAfter}
 * without one; between 1 s and {@code cap}). Anything else (other 4xx, a 3xx): failed at once,
 * because the same request will be refused again. A notification that failed {@code maxAttempts}
 * times, or failed when older than {@code maxAge}, is given up (failed): with the defaults, 12
 * attempts, about 5 hours of retrying.
 */
record RetryPolicy(Duration first, Duration cap, int maxAttempts, Duration maxAge, Duration defaultRetryAfter) {
    static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(30), Duration.ofHours(1), 12,
            Duration.ofHours(24), Duration.ofSeconds(30));

    enum Kind {
        SENT,
        /** Network error or 5xx: try again at {@code next}; the webhook is down until then. */
        RETRY,
        /** 429: try again at {@code next}; send nothing to this webhook until then. */
        RATE_LIMITED,
        /** Refused for good (a 4xx other than 429): failed, not retried. */
        REJECTED,
        /** Retryable, but out of attempts or too old: failed. */
        GAVE_UP
    }

    /** @param error for {@code lastError} and the log; null when sent */
    record Decision(Kind kind, Instant next, String error) {
    }

    /**
     * @param attempts  attempts so far, this one included
     * @param createdAt when the notification was enqueued
     */
    Decision decide(Webhook.Response r, int attempts, Instant createdAt, Instant now) {
        int s = r.status();
        if (s >= 200 && s < 300) {
            return new Decision(Kind.SENT, null, null);
        }
        if (s == 429) {
            Duration wait = retryAfter(r.retryAfter(), now);
            String error = "HTTP 429: rate limited, retry after " + wait.toSeconds() + " s";
            return exhausted(attempts, createdAt, now) ? new Decision(Kind.GAVE_UP, null, error)
                    : new Decision(Kind.RATE_LIMITED, now.plus(wait), error);
        }
        if (s == 0 || s >= 500) {
            String error = s == 0 ? r.error() : http(r);
            return exhausted(attempts, createdAt, now) ? new Decision(Kind.GAVE_UP, null, error)
                    : new Decision(Kind.RETRY, now.plus(backoff(attempts)), error);
        }
        return new Decision(Kind.REJECTED, null, http(r));
    }

    /** The wait after the {@code attempts}-th failure: first, 2×first, 4×first … at most cap. */
    Duration backoff(int attempts) {
        int doublings = Math.max(0, Math.min(attempts - 1, 30));
        Duration d = first.multipliedBy(1L << doublings);
        return d.compareTo(cap) > 0 ? cap : d;
    }

    /** A {@code Retry-After} header as a wait from {@code now}; the default when absent or unreadable. */
    Duration retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return defaultRetryAfter;
        }
        Duration d;
        try {
            d = Duration.ofSeconds(Long.parseLong(header.strip()));
        } catch (NumberFormatException notSeconds) {
            try {
                d = Duration.between(now, ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
            } catch (DateTimeParseException notADate) {
                return defaultRetryAfter;
            }
        }
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            return Duration.ofSeconds(1);
        }
        return d.compareTo(cap) > 0 ? cap : d;
    }

    private boolean exhausted(int attempts, Instant createdAt, Instant now) {
        return attempts >= maxAttempts || !now.isBefore(createdAt.plus(maxAge));
    }

    private static String http(Webhook.Response r) {
        String body = r.body() == null ? "" : r.body().strip();
        int nl = body.indexOf('\n');
        if (nl >= 0) {
            body = body.substring(0, nl).strip();
        }
        if (body.length() > 200) {
            body = body.substring(0, 199) + "…";
        }
        return "HTTP " + r.status() + (body.isEmpty() ? "" : ": " + body);
    }
}
