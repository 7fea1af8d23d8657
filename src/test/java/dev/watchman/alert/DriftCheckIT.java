package dev.watchman.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.watchman.alert.PackOutcome.Action;
import dev.watchman.graph.TestGraph;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's test scenarios and the additions, on a real graph and real files. */
class DriftCheckIT {
    @TempDir
    Path dir;
    AlertFixture f;

    @BeforeEach
    void setUp() throws IOException {
        TestGraph.fresh();
        f = new AlertFixture(dir, "");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private static PackOutcome only(CheckReport r, String pack) {
        List<PackOutcome> os = r.outcomes().stream().filter(o -> o.pack().equals(pack)).toList();
        assertEquals(1, os.size(), r.toString());
        return os.get(0);
    }

    private static long alerts(String where) {
        return TestGraph.count("MATCH (a:Alert) WHERE " + where + " RETURN count(a) AS n", Map.of());
    }

    @Test
    void noAlertOnTheFirstCheckEvenWhenNonCompliant() throws IOException {
        f.assign("app-good");
        f.breakMode();
        PackOutcome o = only(f.check(), "app-good");
        assertEquals(Boolean.FALSE, o.compliant());
        assertEquals(Action.NONE, o.action());
        assertTrue(o.reason().startsWith("first check"), o.reason());
        assertEquals(0, alerts("true"));
        // Still never passed: nothing to drift from.
        assertEquals(Action.NONE, only(f.check(), "app-good").action());
        assertEquals(0, alerts("true"));
    }

    @Test
    void driftRaisesOneWarningAlertWithItsDetailsThenUpdatesThenResolves() throws IOException {
        f.assign("app-good");
        PackOutcome first = only(f.check(), "app-good");
        assertEquals(Boolean.TRUE, first.compliant());
        assertEquals(Action.NONE, first.action());

        f.breakMode();
        PackOutcome drift = only(f.check(), "app-good");
        assertEquals(Action.CREATED, drift.action());
        assertEquals(1, drift.mismatchCount());
        List<Alert> active = f.app.alerts().alerts("active", null, 10);
        assertEquals(1, active.size());
        Alert a = active.get(0);
        assertEquals(drift.alertId(), a.id());
        assertEquals("config_drift", a.type());
        assertEquals("warning", a.severity());
        assertEquals("active", a.status());
        assertEquals(AlertFixture.HOST, a.hostId());
        assertEquals("Configuration drift on " + a.hostName(), a.title());
        assertEquals("1 items no longer compliant with app-good", a.message());
        assertEquals("app-good", a.pack());
        assertEquals(1, a.mismatchCount());
        assertEquals("http://127.0.0.1:7480/hosts/drift-host/drift?pack=app-good", a.diffUrl());
        assertEquals(1, TestGraph.count("MATCH (a:Alert {id: $id})-[:ABOUT]->(:Host {id: $h}) "
                + "MATCH (a)-[:RAISED_BY]->(c:ConfigAudit {id: $audit, complianceStatus: 'non_compliant'}) RETURN count(*) AS n",
                Map.of("id", a.id(), "h", AlertFixture.HOST, "audit", drift.auditId())));

        assertEquals(1, TestGraph.count("MATCH (:Alert {id: $id})-[:NOTIFIED]->(n:Notification {kind: 'drift', status: 'pending'}) "
                + "RETURN count(n) AS n", Map.of("id", a.id())), "the drift message is queued with the alert");

        f.breakLine();
        PackOutcome still = only(f.check(), "app-good");
        assertEquals(Action.UPDATED, still.action());
        assertEquals(a.id(), still.alertId());
        assertEquals(2, still.mismatchCount());
        Alert updated = f.app.alerts().alerts("active", null, 10).get(0);
        assertEquals("2 items no longer compliant with app-good", updated.message());
        assertEquals(2, updated.mismatchCount());
        assertTrue(updated.updatedAt().compareTo(a.updatedAt()) > 0);
        assertEquals(1, alerts("true"), "never a duplicate");
        assertEquals(1, TestGraph.count("MATCH (n:Notification) RETURN count(n) AS n", Map.of()),
                "never a second notification for the same drift");

        f.restore();
        PackOutcome back = only(f.check(), "app-good");
        assertEquals(Action.RESOLVED, back.action());
        assertEquals(a.id(), back.alertId());
        Alert resolved = f.app.alerts().alerts("resolved", null, 10).get(0);
        assertEquals("resolved", resolved.status());
        assertEquals("auto", resolved.resolvedBy());
        assertTrue(resolved.resolvedAt() != null);
        assertEquals(0, f.app.alerts().alerts("active", null, 10).size());
        assertEquals(1, TestGraph.count("MATCH (:Alert {id: $id})-[:NOTIFIED]->(n:Notification {kind: 'resolved'}) "
                + "RETURN count(n) AS n", Map.of("id", a.id())), "and the resolution message");

        // A new drift after resolution is a new alert.
        f.breakMode();
        PackOutcome again = only(f.check(), "app-good");
        assertEquals(Action.CREATED, again.action());
        assertTrue(!again.alertId().equals(a.id()));
        assertEquals(2, alerts("true"));
    }

    @Test
    void disabledHostsAreSkipped() throws IOException {
        f.assign("app-good");
        f.check();
        f.app.alerts().setDriftDetection(AlertFixture.HOST, false);
        f.breakMode();
        CheckReport r = f.check();
        PackOutcome o = only(r, "app-good");
        assertEquals(Action.SKIPPED, o.action());
        assertNull(o.compliant());
        assertTrue(o.reason().contains("drift detection is off"), o.reason());
        assertEquals(0, r.hostsChecked());
        assertEquals(1, r.hostsSkipped());
        assertEquals(0, alerts("true"));
        f.app.alerts().setDriftDetection(AlertFixture.HOST, true);
        assertEquals(Action.CREATED, only(f.check(), "app-good").action());
    }

    @Test
    void packsAreCheckedSeparatelyAndNeverShareAnAlert() throws IOException {
        f.assign("app-good");
        f.assign("app-bad");
        CheckReport first = f.check();
        assertEquals(2, first.outcomes().size());
        assertEquals(Boolean.TRUE, only(first, "app-good").compliant());
        assertEquals(Boolean.FALSE, only(first, "app-bad").compliant());
        // app-bad has never passed; make it pass (mode 0644, the extra file), then break both.
        java.nio.file.Files.writeString(f.root.resolve("etc/app-extra.conf"), "x\n");
        java.nio.file.Files.setPosixFilePermissions(f.root.resolve("etc/app.conf"),
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        CheckReport pass = f.check();
        assertEquals(Boolean.FALSE, only(pass, "app-good").compliant(), "0644 is over app-good's 0640");
        assertEquals(Boolean.TRUE, only(pass, "app-bad").compliant());
        assertEquals(Action.CREATED, only(pass, "app-good").action());
        java.nio.file.Files.delete(f.root.resolve("etc/app-extra.conf"));
        CheckReport both = f.check();
        assertEquals(Action.UPDATED, only(both, "app-good").action());
        assertEquals(Action.CREATED, only(both, "app-bad").action());
        assertTrue(!only(both, "app-good").alertId().equals(only(both, "app-bad").alertId()));
        assertEquals(2, alerts("a.status = 'active'"));
        assertEquals(1, alerts("a.status = 'active' AND a.pack = 'app-bad'"));
        assertEquals(1, both.hostsChecked());
    }

    @Test
    void anOfflineOrUnreachableHostIsSkippedWithNoAlertAndCheckedAgainNextRun() throws IOException {
        f.assign("app-good");
        TestGraph.write("CREATE (h:Host {id: 'far', name: 'far', driftDetectionEnabled: true, lastSeen: $seen})",
                Map.of("seen", dev.watchman.graph.Times.utc(f.clock.instant().minus(Duration.ofHours(1)))));
        f.app.packs().assign("far", "app-good");
        CheckReport r = f.check();
        PackOutcome far = r.outcomes().stream().filter(o -> o.hostId().equals("far")).findFirst().orElseThrow();
        assertEquals(Action.SKIPPED, far.action());
        assertTrue(far.reason().startsWith("offline: no heartbeat within 10m"), far.reason());
        assertEquals(1, r.hostsChecked());
        assertEquals(1, r.hostsSkipped());

        TestGraph.write("MATCH (h:Host {id: 'far'}) SET h.lastSeen = $seen",
                Map.of("seen", dev.watchman.graph.Times.utc(f.clock.instant().plus(Duration.ofDays(1)))));
        PackOutcome reachable = f.check().outcomes().stream().filter(o -> o.hostId().equals("far")).findFirst()
                .orElseThrow();
        assertEquals(Action.SKIPPED, reachable.action());
        assertTrue(reachable.reason().startsWith("cannot be reached from here"), reachable.reason());
        assertEquals(0, TestGraph.count("MATCH (a:ConfigAudit {hostId: 'far'}) RETURN count(a) AS n", Map.of()));
    }

    @Test
    void aSilenceHoldsBackTheAlertAndItsEndRaisesIt() throws IOException {
        f.assign("app-good");
        f.check();
        Silence s = f.app.alerts().silence(AlertFixture.HOST, null, Duration.ofHours(2), "kernel upgrade");
        f.breakMode();
        f.clock.advance(Duration.ofMinutes(10));
        CheckReport held = f.app.alerts().check(null, "manual");
        PackOutcome o = only(held, "app-good");
        assertEquals(Action.NONE, o.action());
        assertEquals(Boolean.FALSE, o.compliant(), "the check still runs");
        assertTrue(o.reason().contains("silenced until") && o.reason().contains("kernel upgrade"), o.reason());
        assertEquals(0, alerts("true"));
        assertEquals(1, TestGraph.count("MATCH (a:ConfigAudit {id: $id, complianceStatus: 'non_compliant'}) RETURN count(a) AS n",
                Map.of("id", o.auditId())), "and is recorded");
        assertEquals(1, f.app.alerts().silences(false).size());

        // Before the end the follow-up does nothing; after it, drift still present raises the alert.
        assertEquals(0, f.app.alerts().followUpSilences().outcomes().size());
        f.clock.advance(Duration.ofHours(2));
        assertEquals(0, f.app.alerts().silences(false).size());
        CheckReport end = f.app.alerts().followUpSilences();
        assertEquals(Action.CREATED, only(end, "app-good").action());
        assertEquals(1, alerts("a.status = 'active'"));
        assertEquals(0, f.app.alerts().followUpSilences().outcomes().size(), "followed up once");
        assertEquals(s.id(), f.app.alerts().silences(true).get(0).id());
    }

    @Test
    void aRemovedSilenceEndsNowAndAPackSilenceCoversOnlyThatPack() throws IOException {
        f.assign("app-good");
        f.check();
        Silence other = f.app.alerts().silence(AlertFixture.HOST, "app-bad", Duration.ofHours(2), "not this one");
        f.breakMode();
        assertEquals(Action.CREATED, only(f.app.alerts().check(null, "manual"), "app-good").action(),
                "a silence on app-bad does not cover app-good");
        assertTrue(f.app.alerts().removeSilence(other.id()));
        assertTrue(!f.app.alerts().removeSilence(other.id()), "already ended");
        assertEquals(0, f.app.alerts().silences(false).size());
    }
}
