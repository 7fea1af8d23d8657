package dev.watchman.schedule;

import dev.watchman.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.watchman.Threads;
import dev.watchman.graph.Graph;
import dev.watchman.graph.TestGraph;
import dev.watchman.host.HostIdentity;
import dev.watchman.host.HostService;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scheduler against a real graph, driven by a hand-moved clock and a job of the test's own. */
class SchedulerIT {
    static final String HOST = "sched-host";
    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final CronSchedule SIX = new CronSchedule("0 6 * * *", LONDON);

    Graph graph;
    MutableClock clock;
    /** The triggers the test job ran with, in order. */
    List<String> ran = new ArrayList<>();

    @BeforeEach
    void setUp() {
        graph = TestGraph.fresh();
        new HostService(graph, new HostIdentity(HOST, "sched", null, "test", "test")).upsert();
        new HostService(graph, new HostIdentity("other-host", "other", null, "test", "test")).upsert();
        clock = new MutableClock(london("2026-12-01T05:59"));
    }

    static Instant london(String local) {
        return LocalDateTime.parse(local).atZone(LONDON).toInstant();
    }

    Scheduler scheduler(CronSchedule cron, ScheduledJob job) {
        Scheduler s = new Scheduler(graph, clock, HOST);
        s.add("drift_check", cron, job);
        return s;
    }

    JobOutcome record(String trigger) {
        ran.add(trigger);
        return new JobOutcome(2, 1);
    }

    List<JobRun> runs() {
        List<JobRun> all = new ArrayList<>(new JobRuns(graph).recent(100));
        java.util.Collections.reverse(all);
        return all;
    }

    @Test
    void runsAtSixLocalTimeOnceAMinute() {
        Scheduler s = scheduler(SIX, this::record);
        s.start();
        assertEquals(london("2026-12-01T06:00"), s.nextDue("drift_check"));
        s.tick();
        assertEquals(List.of(), ran, "05:59: not yet");
        clock.set(london("2026-12-01T06:00"));
        s.tick();
        assertEquals(List.of("schedule"), ran, "06:00: runs");
        clock.advance(Duration.ofSeconds(30));
        s.tick();
        s.tick();
        assertEquals(List.of("schedule"), ran, "the same minute: no second run");
        assertEquals(london("2026-12-02T06:00"), s.nextDue("drift_check"));
        clock.set(london("2026-12-02T06:00:04"));
        s.tick();
        assertEquals(List.of("schedule", "schedule"), ran, "the next day");
    }

    @Test
    void anotherExpressionInAnotherZone() {
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        Scheduler s = scheduler(new CronSchedule("*/30 9-17 * * 1-5", tokyo), this::record);
        clock.set(LocalDateTime.parse("2026-12-04T17:29").atZone(tokyo).toInstant()); // a Friday
        s.start();
        s.tick();
        assertEquals(List.of(), ran);
        clock.set(LocalDateTime.parse("2026-12-04T17:30").atZone(tokyo).toInstant());
        s.tick();
        assertEquals(1, ran.size());
        assertEquals(LocalDateTime.parse("2026-12-07T09:00").atZone(tokyo).toInstant(), s.nextDue("drift_check"),
                "then Monday 09:00 Tokyo, not the weekend");
        clock.set(LocalDateTime.parse("2026-12-06T12:00").atZone(tokyo).toInstant());
        s.tick();
        assertEquals(1, ran.size(), "Sunday: nothing");
    }

    @Test
    void aRunMissedOverThreeDaysDownIsCaughtUpOnceNotThreeTimes() {
        clock.set(london("2026-12-01T06:00"));
        Scheduler before = scheduler(SIX, this::record);
        before.tick();
        assertEquals(List.of("schedule"), ran);
        before.close();

        // serve is down on the 2nd, 3rd and 4th at 06:00; it comes back on the 4th at 10:00.
        clock.set(london("2026-12-04T10:00"));
        Scheduler after = scheduler(SIX, this::record);
        after.start();
        assertEquals(List.of("schedule", "catch-up"), ran);
        assertEquals(london("2026-12-05T06:00"), after.nextDue("drift_check"));
        after.tick();
        clock.advance(Duration.ofHours(1));
        after.tick();
        assertEquals(2, ran.size(), "once, not once per missed day");
        assertEquals(List.of("schedule", "catch-up"), runs().stream().map(JobRun::trigger).toList());

        // Another restart the same day: the catch-up covered the 4th's 06:00.
        Scheduler again = scheduler(SIX, this::record);
        again.start();
        again.tick();
        assertEquals(2, ran.size());
    }

    @Test
    void theFirstStartEverCatchesNothingUp() {
        clock.set(london("2026-12-04T10:00"));
        Scheduler s = scheduler(SIX, this::record);
        s.start();
        s.tick();
        assertEquals(List.of(), ran, "no run ever: nothing says one was missed");
        assertEquals(london("2026-12-05T06:00"), s.nextDue("drift_check"));
        assertEquals(0, runs().size());
    }

    @Test
    void aStartWithNothingMissedRunsNothing() {
        clock.set(london("2026-12-04T06:00"));
        Scheduler first = scheduler(SIX, this::record);
        first.tick();
        assertEquals(1, ran.size());
        clock.set(london("2026-12-04T23:00"));
        Scheduler second = scheduler(SIX, this::record);
        second.start();
        assertEquals(1, ran.size());
        assertEquals(london("2026-12-05T06:00"), second.nextDue("drift_check"));
    }

    @Test
    void aFailingRunIsRecordedFailedAndTheNextDueTimeStillRuns() {
        int[] calls = {0};
        Scheduler s = scheduler(SIX, trigger -> {
            if (calls[0]++ == 0) {
                throw new IOException("cannot read /etc/shadow\n\tsecond line of detail");
            }
            return new JobOutcome(3, 0);
        });
        s.start();
        clock.set(london("2026-12-01T06:00"));
        s.tick();
        JobRun failed = runs().get(0);
        assertEquals(JobRun.FAILED, failed.status());
        assertEquals("cannot read /etc/shadow", failed.error(), "one line");
        assertNotNull(failed.finishedAt());
        assertNull(failed.hostsChecked());
        assertEquals(london("2026-12-02T06:00"), s.nextDue("drift_check"), "the schedule goes on");
        clock.set(london("2026-12-02T06:00"));
        s.tick();
        JobRun ok = runs().get(1);
        assertEquals(JobRun.OK, ok.status());
        assertNull(ok.error());
        assertEquals(3, ok.hostsChecked());
        assertEquals(2, calls[0]);
    }

    @Test
    void anErrorThatIsNotAnExceptionFailsOneRunToo() {
        Scheduler s = scheduler(SIX, trigger -> {
            throw new StackOverflowError();
        });
        clock.set(london("2026-12-01T06:00"));
        s.tick();
        assertEquals(JobRun.FAILED, runs().get(0).status());
        assertEquals("StackOverflowError", runs().get(0).error());
        assertEquals(london("2026-12-02T06:00"), s.nextDue("drift_check"));
    }

    @Test
    void aLeftoverRunningRunIsMarkedInterruptedAndCountsAsTheLastRun() {
        Instant crashed = london("2026-12-04T06:00");
        TestGraph.write("MATCH (h:Host {id: $host}) CREATE (:JobRun {id: 'left', job: 'drift_check', trigger: 'schedule', "
                + "ranOn: $host, startedAt: $at, status: 'running'})-[:RAN_ON]->(h)",
                Map.of("host", HOST, "at", crashed.atZone(java.time.ZoneOffset.UTC)));
        TestGraph.write("CREATE (:JobRun {id: 'theirs', job: 'drift_check', ranOn: 'other-host', startedAt: $at, "
                + "status: 'running'})", Map.of("at", crashed.atZone(java.time.ZoneOffset.UTC)));
        TestGraph.write("CREATE (:JobRun {id: 'another-job', job: 'backup', ranOn: $host, startedAt: $at, "
                + "status: 'running'})", Map.of("host", HOST, "at", crashed.atZone(java.time.ZoneOffset.UTC)));
        clock.set(london("2026-12-04T09:00"));
        Scheduler s = scheduler(SIX, this::record);
        s.start();
        assertEquals(Map.of("left", "interrupted", "theirs", "running", "another-job", "running"),
                statuses());
        JobRun left = runs().stream().filter(r -> r.id().equals("left")).findFirst().orElseThrow();
        assertEquals("serve stopped before the run finished", left.error());
        assertNull(left.finishedAt(), "when it stopped is not known");
        assertEquals(List.of(), ran, "it started after the 06:00 it was for: no catch-up");
    }

    @Test
    void aJobRunRecordsWhatRanWhereWhenAndHowItEnded() {
        CountDownLatch seen = new CountDownLatch(1);
        List<Map<String, Object>> whileRunning = new ArrayList<>();
        Scheduler s = scheduler(SIX, trigger -> {
            whileRunning.addAll(TestGraph.tuples("MATCH (r:JobRun)-[:RAN_ON]->(h:Host) RETURN r.status AS status, "
                    + "r.finishedAt AS finishedAt, h.id AS host", Map.of()).stream()
                    .map(t -> Map.<String, Object>of("status", t.get(0), "finished", String.valueOf(t.get(1)),
                            "host", t.get(2))).toList());
            clock.advance(Duration.ofSeconds(90));
            seen.countDown();
            return new JobOutcome(4, 2);
        });
        clock.set(london("2026-06-01T06:00"));
        s.tick();
        assertEquals(List.of(Map.of("status", "running", "finished", "null", "host", HOST)), whileRunning,
                "recorded running, on this host, before the job does anything");
        JobRun r = runs().get(0);
        assertTrue(r.id().startsWith("jobrun-"), r.id());
        assertEquals("drift_check", r.job());
        assertEquals("schedule", r.trigger());
        assertEquals(HOST, r.ranOn());
        assertEquals(Instant.parse("2026-06-01T05:00:00Z"), r.startedAt(), "06:00 BST");
        assertEquals(Instant.parse("2026-06-01T05:01:30Z"), r.finishedAt());
        assertEquals("ok", r.status());
        assertEquals(4, r.hostsChecked());
        assertEquals(2, r.hostsSkipped());
        assertNull(r.error());
        assertEquals(1, TestGraph.count("MATCH (:JobRun {id: $id})-[:RAN_ON]->(:Host {id: $host}) RETURN count(*)",
                Map.of("id", r.id(), "host", HOST)));
        assertEquals(r, new JobRuns(graph).last("drift_check", HOST));
        assertNull(new JobRuns(graph).last("drift_check", "other-host"));
    }

    @Test
    void dueTimesMissedWithoutARestartCollapseIntoOneRun() {
        Scheduler s = scheduler(SIX, this::record);
        s.start();
        clock.set(london("2026-12-04T10:00"));
        s.tick();
        s.tick();
        assertEquals(List.of("schedule"), ran);
        assertEquals(london("2026-12-05T06:00"), s.nextDue("drift_check"));
    }

    @Test
    void aDueTimePassingDuringALongRunRunsOnceAfterIt() {
        Scheduler s = scheduler(new CronSchedule("*/10 * * * *", LONDON), trigger -> {
            ran.add(trigger);
            if (ran.size() == 1) {
                clock.advance(Duration.ofMinutes(25)); // past 06:10 and 06:20
            }
            return new JobOutcome(1, 0);
        });
        clock.set(london("2026-12-01T06:00"));
        s.tick();
        assertEquals(london("2026-12-01T06:10"), s.nextDue("drift_check"));
        s.tick();
        assertEquals(2, ran.size(), "06:10 and 06:20 were not covered: one run now");
        assertEquals(london("2026-12-01T06:30"), s.nextDue("drift_check"));
    }

    @Test
    void oneJobNeverHasTwoRunsAtOnce() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Scheduler s = scheduler(SIX, trigger -> {
            ran.add(trigger);
            inside.countDown();
            release.await();
            return new JobOutcome(1, 0);
        });
        clock.set(london("2026-12-01T06:00"));
        Thread ticking = Threads.thread("test-tick", s::tick);
        ticking.start();
        assertTrue(inside.await(60, TimeUnit.SECONDS));
        s.tick(); // returns at once: the other tick holds the scheduler
        assertNull(s.runNow("drift_check", Scheduler.MANUAL), "a run is going");
        release.countDown();
        ticking.join();
        assertEquals(List.of("schedule"), ran);
        clock.advance(Duration.ofMinutes(1));
        JobRun manual = s.runNow("drift_check", Scheduler.MANUAL);
        assertEquals("manual", manual.trigger());
        assertEquals(List.of("schedule", "manual"), runs().stream().map(JobRun::trigger).toList());
    }

    @Test
    void aRunWhoseStartCannotBeRecordedDoesNotRunAndIsTriedAgainNextTick() {
        Scheduler s = new Scheduler(graph, clock, "not-yet-recorded");
        s.add("drift_check", SIX, this::record);
        clock.set(london("2026-12-01T06:00"));
        s.tick();
        assertEquals(List.of(), ran, "no :Host to record the run on: nothing runs unrecorded");
        assertEquals(london("2026-12-01T06:00"), s.nextDue("drift_check"), "still due");
        new HostService(graph, new HostIdentity("not-yet-recorded", "late", null, "test", "test")).upsert();
        clock.advance(Duration.ofSeconds(5));
        s.tick();
        assertEquals(List.of("schedule"), ran);
        assertEquals(JobRun.OK, runs().get(0).status());
    }

    @Test
    void aClosedSchedulerRunsNothing() {
        Scheduler s = scheduler(SIX, this::record);
        s.start();
        s.close();
        clock.set(london("2026-12-01T06:00"));
        s.tick();
        assertEquals(List.of(), ran);
    }

    Map<String, Object> statuses() {
        Map<String, Object> out = new java.util.HashMap<>();
        TestGraph.tuples("MATCH (r:JobRun) RETURN r.id, r.status", Map.of()).forEach(t -> out.put((String) t.get(0), t.get(1)));
        return out;
    }
}
