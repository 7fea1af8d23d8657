package dev.watchman.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.watchman.alert.PackOutcome.Action;
import dev.watchman.graph.TestGraph;
import dev.watchman.pack.Pack;
import dev.watchman.pack.PackService;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host whose facts cannot be had (the check errors or times out) is skipped: no audit, no alert; next run checks it. */
class FailingCheckIT {
    @TempDir
    Path dir;
    AlertFixture f;

    @BeforeEach
    void setUp() throws IOException {
        TestGraph.fresh();
        f = new AlertFixture(dir, "[schedule]\ncheck_timeout = \"1s\"\n");
        f.assign("app-good");
        f.check();
        f.breakMode();
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private AlertService with(HostFacts facts) {
        return new AlertService(f.app.graph(), f.app.config(), AlertFixture.HOST, f.clock, f.app.packs(),
                f.app.audits(), List.of(facts));
    }

    private abstract static class Here implements HostFacts {
        @Override
        public boolean reaches(PackService.HostRef host) {
            return true;
        }

        @Override
        public Path root(PackService.HostRef host) {
            return Path.of("/");
        }
    }

    private static long audits() {
        return TestGraph.count("MATCH (a:ConfigAudit {hostId: 'drift-host'}) RETURN count(a) AS n", Map.of());
    }

    @Test
    void anErroringCheckIsSkippedAndTheNextRunChecksAgain() {
        long before = audits();
        CheckReport r = with(new Here() {
            @Override
            public List<PackService.Check> check(PackService.HostRef host, List<Pack> packs) throws IOException {
                throw new IOException("ssh: connection reset");
            }
        }).check(null, "schedule");
        PackOutcome o = r.outcomes().get(0);
        assertEquals(Action.SKIPPED, o.action());
        assertEquals("check failed: ssh: connection reset", o.reason());
        assertEquals(1, r.hostsSkipped());
        assertEquals(before, audits(), "nothing recorded for a check that read nothing");
        assertEquals(0, TestGraph.count("MATCH (a:Alert) RETURN count(a) AS n", Map.of()));

        f.clock.advance(java.time.Duration.ofDays(1));
        assertEquals(Action.CREATED, f.app.alerts().check(null, "schedule").outcomes().get(0).action());
    }

    @Test
    void aCheckThatTakesTooLongIsSkipped() {
        CheckReport r = with(new Here() {
            @Override
            public List<PackService.Check> check(PackService.HostRef host, List<Pack> packs) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return List.of();
            }
        }).check(null, "schedule");
        PackOutcome o = r.outcomes().get(0);
        assertEquals(Action.SKIPPED, o.action());
        assertTrue(o.reason().startsWith("timed out after 1s"), o.reason());
        assertEquals(0, TestGraph.count("MATCH (a:Alert) RETURN count(a) AS n", Map.of()));
    }
}
