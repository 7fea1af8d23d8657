package dev.watchman.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchman.ExitCode;
import dev.watchman.graph.Graph;
import dev.watchman.graph.TestGraph;
import dev.watchman.host.HostIdentity;
import dev.watchman.host.HostService;
import dev.watchman.schedule.CronSchedule;
import dev.watchman.schedule.JobOutcome;
import dev.watchman.MutableClock;
import dev.watchman.schedule.Scheduler;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `watchman jobs`: the drift check's next time from the config, and the runs recorded, newest first. */
class JobsCommandIT {
    @TempDir
    Path dir;
    Path config;
    Graph graph;

    @BeforeEach
    void setUp() throws IOException {
        graph = TestGraph.fresh();
        config = Cli.config(dir, "jobs-host", "[schedule]\ndrift_check = \"30 7 * * *\"\ntimezone = \"Asia/Tokyo\"\n");
    }

    /** Two runs of drift_check on jobs-host: one that failed, then one that checked 3 hosts and skipped 1. */
    void recordTwoRuns() {
        new HostService(graph, new HostIdentity("jobs-host", "jobs", null, "test", "test")).upsert();
        MutableClock clock = new MutableClock(Instant.parse("2026-12-03T22:30:00Z"));
        int[] calls = {0};
        Scheduler s = new Scheduler(graph, clock, "jobs-host");
        s.add("drift_check", new CronSchedule("30 7 * * *", ZoneId.of("Asia/Tokyo")), trigger -> {
            if (calls[0]++ == 0) {
                throw new IllegalStateException("Neo4j went away");
            }
            return new JobOutcome(3, 1);
        });
        s.tick();
        clock.set(Instant.parse("2026-12-04T22:30:00Z"));
        s.tick();
    }

    @Test
    void jsonListsTheNextDueTimeInTheZoneAndTheRunsNewestFirst() throws IOException {
        recordTwoRuns();
        Cli.Result r = Cli.run(config, "jobs", "--json");
        assertEquals(ExitCode.OK, r.code(), r.err());
        JsonNode out = Output.JSON.readTree(r.out());
        JsonNode job = out.get("jobs").get(0);
        assertEquals("drift_check", job.get("job").asText());
        assertEquals("30 7 * * *", job.get("cron").asText());
        assertEquals("Asia/Tokyo", job.get("timezone").asText());
        assertTrue(job.get("nextDue").asText().endsWith("T07:30:00+09:00"), job.toString());
        JsonNode runs = out.get("runs");
        assertEquals(2, runs.size());
        JsonNode ok = runs.get(0);
        assertEquals("drift_check", ok.get("job").asText());
        assertEquals("schedule", ok.get("trigger").asText());
        assertEquals("2026-12-04T22:30:00Z", ok.get("startedAt").asText());
        assertEquals("ok", ok.get("status").asText());
        assertEquals(3, ok.get("hostsChecked").asInt());
        assertEquals(1, ok.get("hostsSkipped").asInt());
        assertTrue(ok.get("error").isNull());
        JsonNode failed = runs.get(1);
        assertEquals("failed", failed.get("status").asText());
        assertEquals("Neo4j went away", failed.get("error").asText());
        assertTrue(failed.get("hostsChecked").isNull());
    }

    @Test
    void textSaysWhenTheDriftCheckRunsNextAndTabulatesTheRuns() {
        Cli.Result empty = Cli.run(config, "jobs");
        assertEquals(ExitCode.OK, empty.code(), empty.err());
        assertTrue(empty.out().startsWith("drift_check \"30 7 * * *\" in Asia/Tokyo: next at "), empty.out());
        assertTrue(empty.out().lines().findFirst().orElseThrow().endsWith("T07:30+09:00[Asia/Tokyo]"), empty.out());
        assertTrue(empty.out().contains("(no rows)"), empty.out());

        recordTwoRuns();
        Cli.Result t = Cli.run(config, "jobs", "--limit", "1");
        assertEquals(ExitCode.OK, t.code(), t.err());
        assertTrue(t.out().contains("job          trigger   startedAt"), t.out());
        assertTrue(t.out().contains("(1 row)"), t.out());
    }

    @Test
    void aLimitBelowOneIsAUsageError() {
        Cli.Result r = Cli.run(config, "jobs", "--limit", "0");
        assertEquals(ExitCode.USAGE, r.code());
        assertEquals("watchman: --limit 0 is not a number of runs; give N >= 1", r.err().strip());
    }
}
