package dev.watchman.schedule;

import dev.watchman.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.watchman.app.Application;
import dev.watchman.app.Endpoint;
import dev.watchman.cli.Cli;
import dev.watchman.config.Config;
import dev.watchman.config.ConfigLoader;
import dev.watchman.graph.Backend;
import dev.watchman.graph.TestGraph;
import dev.watchman.host.HostIdentity;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler as serve starts it: found as an endpoint, it runs the drift check off serve's start-up path. */
class ScheduleEndpointIT {
    static final String HOST = "endpoint-host";

    @TempDir
    Path dir;
    Config config;

    @BeforeEach
    void setUp() throws IOException {
        TestGraph.fresh();
        config = new ConfigLoader(Map.of()).load(Cli.config(dir, HOST,
                "[schedule]\ndrift_check = \"0 6 * * *\"\ntimezone = \"Europe/London\"\n"));
    }

    Application open(MutableClock clock) {
        return Application.open(config, Backend.forCommand(config, new PrintStream(PrintStream.nullOutputStream())),
                HostIdentity.detect(config.host()), clock);
    }

    static ScheduleEndpoint endpoint() {
        for (Endpoint e : ServiceLoader.load(Endpoint.class)) {
            if (e instanceof ScheduleEndpoint s) {
                return s;
            }
        }
        throw new AssertionError("ScheduleEndpoint is not in META-INF/services/dev.watchman.app.Endpoint");
    }

    @Test
    void isFoundByServeAndSaysWhenTheDriftCheckRunsNext() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-03T12:00:00Z"));
        try (Application app = open(clock)) {
            ScheduleEndpoint e = endpoint();
            assertEquals("scheduler", e.name());
            try (Endpoint.Running running = e.start(app)) {
                assertEquals("drift_check next at 2026-12-04T06:00Z[Europe/London]", running.address());
            }
        }
    }

    @Test
    void catchesUpTheDriftCheckOnTheLifecyclesThreadWithTheAlertCheck() throws InterruptedException {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-03T12:00:00Z"));
        try (Application app = open(clock)) {
            TestGraph.write("MATCH (h:Host {id: $host}) CREATE (:JobRun {id: 'old', job: 'drift_check', "
                    + "trigger: 'schedule', ranOn: $host, startedAt: $at, finishedAt: $at, status: 'ok'})-[:RAN_ON]->(h)",
                    Map.of("host", HOST, "at", Instant.parse("2026-12-01T06:00:00Z").atZone(ZoneOffset.UTC)));
            try (Endpoint.Running running = endpoint().start(app)) {
                JobRun caughtUp = awaitFinishedRun(app);
                assertEquals("catch-up", caughtUp.trigger());
                assertEquals(HOST, caughtUp.ranOn());
                assertEquals(Instant.parse("2026-12-03T12:00:00Z"), caughtUp.startedAt());
                // Whatever the alert check made of an empty fleet, the run ended and says how.
                assertTrue(Set.of(JobRun.OK, JobRun.FAILED).contains(caughtUp.status()), caughtUp.toString());
            }
        }
    }

    /** The catch-up runs on the lifecycle's executor: wait (without a time limit of our own) until it has ended. */
    private static JobRun awaitFinishedRun(Application app) throws InterruptedException {
        JobRuns runs = new JobRuns(app.graph());
        while (true) {
            List<JobRun> recent = runs.recent(10);
            if (!recent.isEmpty() && !recent.get(0).id().equals("old") && !recent.get(0).status().equals(JobRun.RUNNING)) {
                return recent.get(0);
            }
            Thread.sleep(50);
        }
    }
}
