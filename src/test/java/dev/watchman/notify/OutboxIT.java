package dev.watchman.notify;

import dev.watchman.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import dev.watchman.cli.Cli;
import dev.watchman.config.Config;
import dev.watchman.graph.Graph;
import dev.watchman.graph.TestGraph;
import dev.watchman.notify.FakeWebhook.Reply;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox against a real Neo4j and a fake Slack webhook on loopback, time driven by a MutableClock. */
class OutboxIT {
    static {
        // Our loggers at info, so "one log line" and "absent from the logs" are checked against real lines.
        System.setProperty("org.slf4j.simpleLogger.log.dev.watchman", "info");
    }

    private static final Instant T0 = Instant.parse("2026-03-02T06:00:00Z");

    Graph graph;
    MutableClock clock;
    FakeWebhook slack;
    final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() throws Exception {
        graph = TestGraph.fresh();
        clock = new MutableClock(T0);
        slack = new FakeWebhook();
    }

    @AfterEach
    void tearDown() {
        slack.close();
    }

    private Outbox outbox() {
        return new Outbox(graph, new Config.Slack(slack.url()), clock);
    }

    private void enqueue(String alertId, SlackMessage m) {
        graph.inWrite(tx -> {
            Outbox.enqueue(tx, NotificationRow.of(alertId, NotificationKind.DRIFT, m, clock.instant()));
            return null;
        });
    }

    private static SlackMessage drift(String host) {
        return SlackMessage.drift(host, "cis-ssh", 3, "https://watchman.example/hosts/h1/diff?pack=cis-ssh");
    }

    private NotificationView only() {
        List<NotificationView> all = outbox().list(null, 10);
        assertEquals(1, all.size(), all.toString());
        return all.get(0);
    }

    /** Runs {@code work} with the SLF4J log (slf4j-simple writes to System.err) captured into {@link #log}. */
    private <T> T logged(Callable<T> work) throws Exception {
        PrintStream saved = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            return work.call();
        } finally {
            System.setErr(saved);
        }
    }

    private List<String> logLines(String containing) {
        List<String> out = new ArrayList<>();
        for (String line : log.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.contains(containing)) {
                out.add(line);
            }
        }
        return out;
    }

    @Test
    void serverErrorThenRateLimitThenSuccessDeliversOnceAfterTheBackoffs() throws Exception {
        slack.answer(Reply.of(500, "boom"), new Reply(429, "7", "rate_limited", 0), Reply.of(200, "ok"));
        SlackMessage m = drift("web-1");
        enqueue("a1", m);
        Outbox outbox = outbox();

        assertEquals(0, (int) logged(outbox::drain));
        NotificationView v = only();
        assertEquals(List.of("pending", 1L, T0.plusSeconds(30), "HTTP 500: boom", "slack"),
                List.of(v.status(), v.attempts(), v.nextAttemptAt(), v.lastError(), v.channel()));
        assertEquals(1, logLines("HTTP 500: boom").size(), log.toString());

        assertEquals(0, outbox.drain());
        clock.advance(Duration.ofSeconds(29));
        assertEquals(0, outbox.drain());
        assertEquals(1, slack.hits().size(), "nothing is sent before the backoff ends");

        clock.advance(Duration.ofSeconds(1));
        assertEquals(0, (int) logged(outbox::drain));
        assertEquals(2, slack.hits().size());
        v = only();
        assertEquals(List.of("pending", 2L, T0.plusSeconds(37)), List.of(v.status(), v.attempts(), v.nextAttemptAt()));
        assertTrue(v.lastError().startsWith("HTTP 429"), v.lastError());

        clock.advance(Duration.ofSeconds(6));
        assertEquals(0, outbox.drain());
        assertEquals(2, slack.hits().size(), "Retry-After is honoured");

        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, outbox.drain());
        v = only();
        assertEquals(List.of("sent", 3L, T0.plusSeconds(37)), List.of(v.status(), v.attempts(), v.sentAt()));
        assertNull(v.nextAttemptAt());

        clock.advance(Duration.ofHours(2));
        assertEquals(0, outbox.drain());
        assertEquals(3, slack.hits().size());
        assertEquals(1, slack.delivered(), "exactly one message reached the channel");
        assertEquals(m.toJson(), slack.hits().get(2).body());
    }

    @Test
    void aBadRequestFailsAtOnceIsLoggedOnceAndTheNextOneStillGoes() throws Exception {
        slack.answer(Reply.of(400, "invalid_payload"));
        enqueue("a1", drift("web-1"));
        clock.advance(Duration.ofMillis(1));
        enqueue("a2", drift("web-2"));
        Outbox outbox = outbox();

        assertEquals(1, (int) logged(outbox::drain));
        clock.advance(Duration.ofHours(2));
        assertEquals(0, (int) logged(outbox::drain));
        assertEquals(0, (int) logged(outbox::drain));

        assertEquals(2, slack.hits().size(), "the 400 was not retried");
        List<NotificationView> failed = outbox.list("failed", 10);
        assertEquals(1, failed.size());
        assertEquals(List.of("a1", 1L, "HTTP 400: invalid_payload"),
                List.of(failed.get(0).alertId(), failed.get(0).attempts(), failed.get(0).lastError()));
        assertNull(failed.get(0).nextAttemptAt());
        assertEquals("a2", outbox.list("sent", 10).get(0).alertId());
        List<String> lines = logLines("HTTP 400");
        assertEquals(1, lines.size(), log.toString());
        assertTrue(lines.get(0).contains("WARN"), lines.get(0));
    }

    @Test
    void aRestartDeliversWhatWasPending() throws Exception {
        slack.answer(Reply.of(503, "down"));
        enqueue("a1", drift("web-1"));
        assertEquals(0, outbox().drain());
        clock.advance(Duration.ofMillis(1));
        enqueue("a2", drift("web-2"));

        clock.advance(Duration.ofSeconds(30));
        Outbox restarted = outbox();
        assertEquals(2, restarted.drain());
        assertEquals(2, restarted.list("sent", 10).size());
        assertEquals(2, slack.delivered());
        assertTrue(slack.hits().get(1).body().contains("web-1") && slack.hits().get(2).body().contains("web-2"),
                "oldest first");
    }

    @Test
    void atMostOneMessagePerSecondToAWebhook() {
        for (int i = 1; i <= 3; i++) {
            enqueue("a" + i, drift("web-" + i));
            clock.advance(Duration.ofMillis(1));
        }
        assertEquals(3, outbox().drain());
        List<FakeWebhook.Hit> hits = slack.hits();
        assertEquals(3, hits.size());
        for (int i = 1; i < 3; i++) {
            assertTrue(hits.get(i).body().contains("web-" + (i + 1)), "oldest first");
            long gapMs = (hits.get(i).nanos() - hits.get(i - 1).nanos()) / 1_000_000;
            assertTrue(gapMs >= 900, "posts " + gapMs + " ms apart");
        }
    }

    @Test
    void withoutAWebhookEachNotificationIsOneLogLineAndSent() throws Exception {
        enqueue("a1", drift("web-1"));
        Outbox outbox = new Outbox(graph, new Config.Slack(null), clock);
        assertEquals(1, (int) logged(outbox::drain));
        assertEquals(0, (int) logged(outbox::drain));
        NotificationView v = only();
        assertEquals(List.of("sent", "log", 1L, T0), List.of(v.status(), v.channel(), v.attempts(), v.sentAt()));
        List<String> lines = logLines("Configuration drift detected on web-1");
        assertEquals(1, lines.size(), log.toString());
        assertTrue(lines.get(0).contains("INFO"), lines.get(0));
        assertEquals(0, slack.hits().size());
    }

    @Test
    void givesUpOnANotificationTooOldOrOutOfAttempts() throws Exception {
        slack.answer(Reply.of(500, "a"), Reply.of(500, "b"), Reply.of(500, "c"));
        enqueue("old", drift("web-1"));
        clock.advance(Duration.ofHours(25));
        assertEquals(0, (int) logged(outbox()::drain));
        assertEquals("failed", only().status());
        assertEquals(1, logLines("gave up on notification old:drift").size(), log.toString());

        graph = TestGraph.fresh();
        enqueue("few", drift("web-2"));
        RetryPolicy twoTries = new RetryPolicy(Duration.ofSeconds(30), Duration.ofHours(1), 2, Duration.ofDays(1),
                Duration.ofSeconds(30));
        Outbox outbox = new Outbox(graph, new Config.Slack(slack.url()), clock,
                new HttpWebhook(slack.url()), twoTries);
        outbox.drain();
        assertEquals("pending", only().status());
        clock.advance(Duration.ofSeconds(30));
        outbox.drain();
        assertEquals(List.of("failed", 2L, "HTTP 500: c"), List.of(only().status(), only().attempts(), only().lastError()));
    }

    @Test
    void aHungWebhookTimesOutAndIsRetried() {
        slack.answer(new Reply(200, null, "ok", 3_000));
        enqueue("a1", drift("web-1"));
        Outbox outbox = new Outbox(graph, new Config.Slack(slack.url()), clock,
                new HttpWebhook(slack.url(), Duration.ofSeconds(2), Duration.ofMillis(300)));
        assertEquals(0, outbox.drain());
        NotificationView v = only();
        assertEquals("pending", v.status());
        assertTrue(v.lastError().contains("HttpTimeoutException"), v.lastError());
    }

    @Test
    void enqueueIsPartOfTheCallersTransactionLinksTheAlertAndIsIdempotent() {
        TestGraph.write("CREATE (:Alert {id: 'a1'})", Map.of());
        SlackMessage m = drift("web-1");
        graph.inWrite(tx -> {
            Outbox.enqueue(tx, NotificationRow.of("a1", NotificationKind.DRIFT, m, T0));
            Outbox.enqueue(tx, NotificationRow.of("a1", NotificationKind.DRIFT, m, T0));
            Outbox.enqueue(tx, NotificationRow.of("gone", NotificationKind.RESOLVED, m, T0));
            return null;
        });
        assertEquals(2, TestGraph.count("MATCH (n:Notification) RETURN count(n)", Map.of()));
        assertEquals(java.util.Set.of(List.of("a1:drift")), TestGraph.tuples(
                "MATCH (:Alert {id: 'a1'})-[:NOTIFIED]->(n:Notification) RETURN n.id", Map.of()));
        assertEquals(java.util.Set.of(List.of("pending", 0L, T0.atZone(java.time.ZoneOffset.UTC), "drift")),
                TestGraph.tuples("MATCH (n:Notification {id: 'a1:drift'}) "
                        + "RETURN n.status, n.attempts, n.nextAttemptAt, n.kind", Map.of()));

        assertThrows(RuntimeException.class, () -> graph.inWrite(tx -> {
            Outbox.enqueue(tx, NotificationRow.of("a9", NotificationKind.DRIFT, m, T0));
            throw new IllegalStateException("the alert change failed");
        }));
        assertEquals(0, TestGraph.count("MATCH (n:Notification {alertId: 'a9'}) RETURN count(n)", Map.of()));
    }

    @Test
    void listFiltersByStatusAndRejectsAnUnknownOne() {
        enqueue("a1", drift("web-1"));
        assertEquals(1, outbox().list("pending", 10).size());
        assertEquals(1, outbox().list("all", 10).size());
        assertEquals(0, outbox().list("sent", 10).size());
        WatchmanException e = assertThrows(WatchmanException.class, () -> outbox().list("done", 10));
        assertEquals(ExitCode.USAGE, e.exitCode());
    }

    @Test
    void theWebhookUrlIsInNoLogLineNoErrorNoOutputAndNowhereInTheGraph(@TempDir Path dir) throws Exception {
        // Slack echoing the URL back, a 5xx, a 429, a 400, a hang, and a webhook that is gone.
        slack.answer(Reply.of(500, "upstream " + slack.url()), new Reply(429, null, "rate_limited", 0),
                Reply.of(400, "no_service " + FakeWebhook.PATH));
        for (int i = 1; i <= 3; i++) {
            enqueue("a" + i, drift("web-" + i));
            clock.advance(Duration.ofMillis(1));
        }
        Outbox outbox = outbox();
        for (int i = 0; i < 4; i++) {
            logged(outbox::drain);
            clock.advance(Duration.ofMinutes(5));
        }
        enqueue("a4", drift("web-4"));
        slack.answer(new Reply(200, null, "ok", 3_000));
        logged(new Outbox(graph, new Config.Slack(slack.url()), clock,
                new HttpWebhook(slack.url(), Duration.ofSeconds(2), Duration.ofMillis(300)))::drain);
        String timedOut = outbox.list("pending", 10).get(0).lastError();
        assertTrue(timedOut.contains("Timeout"), timedOut);
        assertFalse(timedOut.contains(FakeWebhook.TOKEN), timedOut);
        clock.advance(Duration.ofMinutes(5));
        String url = slack.url();
        slack.close();
        logged(new Outbox(graph, new Config.Slack(url), clock)::drain);

        List<NotificationView> all = outbox.list(null, 10);
        assertTrue(all.stream().anyMatch(v -> "failed".equals(v.status())), all.toString());
        assertTrue(all.stream().anyMatch(v -> v.lastError() != null && v.lastError().contains("ConnectException")),
                all.toString());
        for (NotificationView v : all) {
            assertFalse(String.valueOf(v.lastError()).contains(FakeWebhook.TOKEN), v.lastError());
        }
        String logText = log.toString(StandardCharsets.UTF_8);
        assertTrue(logText.contains("Slack"), "the failures were logged: " + logText);
        assertFalse(logText.contains(FakeWebhook.TOKEN), logText);

        for (List<Object> row : TestGraph.tuples("MATCH (n) UNWIND keys(n) AS k RETURN n[k] AS v "
                + "UNION ALL MATCH ()-[r]->() UNWIND keys(r) AS k RETURN r[k] AS v", Map.of())) {
            assertFalse(String.valueOf(row.get(0)).contains(FakeWebhook.TOKEN), "in the graph: " + row);
        }

        Path config = Cli.config(dir, "notify-host", "[slack]\nwebhook_url = \"" + url + "\"\n");
        for (String[] args : new String[][] {{"notifications"}, {"notifications", "--json"},
                {"notifications", "--status", "failed", "--json"}, {"notifications", "--status", "nope"}}) {
            Cli.Result r = Cli.run(config, args);
            assertFalse(r.all().contains(FakeWebhook.TOKEN), r.all());
            assertEquals(args.length == 3 && args[2].equals("nope") ? ExitCode.USAGE : ExitCode.OK, r.code(), r.all());
        }
        Cli.Result json = Cli.run(config, "notifications", "--json");
        assertTrue(json.out().contains("\"lastError\"") && json.out().contains("a1:drift"), json.out());
    }
}
