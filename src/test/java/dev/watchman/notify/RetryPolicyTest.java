package dev.watchman.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.watchman.notify.RetryPolicy.Kind;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final RetryPolicy P = RetryPolicy.DEFAULT;
    private static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");

    private static RetryPolicy.Decision decide(int status, String retryAfter, String body, int attempts) {
        return P.decide(new Webhook.Response(status, retryAfter, body, null), attempts, T0, T0);
    }

    @Test
    void twoHundredsAreSent() {
        assertEquals(Kind.SENT, decide(200, null, "ok", 1).kind());
        assertEquals(Kind.SENT, decide(204, null, "", 3).kind());
    }

    @Test
    void serverErrorsAndNetworkErrorsBackOffDoublingToAnHour() {
        RetryPolicy.Decision d = decide(503, null, "down\nmore", 1);
        assertEquals(new RetryPolicy.Decision(Kind.RETRY, T0.plusSeconds(30), "HTTP 503: down"), d);
        assertEquals(T0.plusSeconds(60), decide(500, null, "", 2).next());
        assertEquals(T0.plusSeconds(120), decide(500, null, "", 3).next());
        assertEquals(Duration.ofHours(1), P.backoff(8));
        assertEquals(Duration.ofHours(1), P.backoff(11));
        RetryPolicy.Decision net = P.decide(Webhook.Response.unreachable("ConnectException"), 1, T0, T0);
        assertEquals(new RetryPolicy.Decision(Kind.RETRY, T0.plusSeconds(30), "ConnectException"), net);
    }

    @Test
    void givesUpAfterTwelveAttemptsOrADay() {
        assertEquals(Kind.RETRY, decide(500, null, "", 11).kind());
        assertEquals(Kind.GAVE_UP, decide(500, null, "", 12).kind());
        assertEquals(Kind.GAVE_UP, P.decide(new Webhook.Response(502, null, "", null), 1, T0,
                T0.plus(Duration.ofHours(24))).kind());
        assertEquals(Kind.GAVE_UP, decide(429, "5", "", 12).kind());
    }

    @Test
    void tooManyRequestsHonoursRetryAfter() {
        assertEquals(new RetryPolicy.Decision(Kind.RATE_LIMITED, T0.plusSeconds(7),
                "HTTP 429: rate limited, retry after 7 s"), decide(429, "7", "rate_limited", 1));
        assertEquals(T0.plusSeconds(30), decide(429, null, "", 1).next(), "no header: the default");
        assertEquals(T0.plusSeconds(30), decide(429, "soon", "", 1).next(), "unreadable: the default");
        assertEquals(T0.plusSeconds(90), decide(429, "Sun, 01 Mar 2026 06:01:30 GMT", "", 1).next(), "an HTTP date");
        assertEquals(T0.plusSeconds(1), decide(429, "0", "", 1).next(), "at least a second");
        assertEquals(T0.plus(Duration.ofHours(1)), decide(429, "86400", "", 1).next(), "at most an hour");
    }

    @Test
    void otherClientErrorsAndRedirectsFailAtOnce() {
        assertEquals(new RetryPolicy.Decision(Kind.REJECTED, null, "HTTP 400: invalid_payload"),
                decide(400, null, "invalid_payload", 1));
        assertEquals(Kind.REJECTED, decide(404, null, "no_service", 1).kind());
        assertEquals(Kind.REJECTED, decide(410, null, "channel_is_archived", 1).kind());
        assertEquals(Kind.REJECTED, decide(302, null, "", 1).kind());
    }
}
