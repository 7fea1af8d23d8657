package dev.watchman.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.watchman.alert.PackOutcome.Action;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Every branch of the lifecycle, as the seed's edge cases list them. */
class AlertDecisionTest {
    private static final Instant PASSED = Instant.parse("2026-12-01T06:00:00Z");
    private static final AlertDecision.Hold SILENCE = new AlertDecision.Hold("upgrade", Instant.parse("2026-12-02T08:00:00Z"));

    @Test
    void firstCheckEverRaisesNothing() {
        AlertDecision d = AlertDecision.decide(false, new AlertDecision.Before(null, 0, null), null);
        assertEquals(Action.NONE, d.action());
        assertFalse(d.send());
        assertTrue(d.reason().startsWith("first check"), d.reason());
    }

    @Test
    void neverPassedRaisesNothing() {
        assertEquals(Action.NONE, AlertDecision.decide(false, new AlertDecision.Before(null, 3, null), null).action());
    }

    @Test
    void compliantToNonCompliantRaisesAndSends() {
        AlertDecision d = AlertDecision.decide(false, new AlertDecision.Before(null, 1, PASSED), null);
        assertEquals(Action.CREATED, d.action());
        assertTrue(d.send());
    }

    @Test
    void stillNonCompliantUpdatesWithoutSending() {
        AlertDecision d = AlertDecision.decide(false, new AlertDecision.Before("a1", 2, PASSED), null);
        assertEquals(Action.UPDATED, d.action());
        assertFalse(d.send());
    }

    @Test
    void backToComplianceResolvesAndSends() {
        AlertDecision d = AlertDecision.decide(true, new AlertDecision.Before("a1", 2, PASSED), null);
        assertEquals(Action.RESOLVED, d.action());
        assertTrue(d.send());
    }

    @Test
    void compliantWithoutAlertDoesNothing() {
        assertEquals(Action.NONE, AlertDecision.decide(true, new AlertDecision.Before(null, 0, null), null).action());
    }

    @Test
    void aSilenceHoldsBackRaisingAndSendingButNotResolving() {
        AlertDecision held = AlertDecision.decide(false, new AlertDecision.Before(null, 1, PASSED), SILENCE);
        assertEquals(Action.NONE, held.action());
        assertTrue(held.reason().contains("silenced until") && held.reason().contains("upgrade"), held.reason());
        AlertDecision resolved = AlertDecision.decide(true, new AlertDecision.Before("a1", 1, PASSED), SILENCE);
        assertEquals(Action.RESOLVED, resolved.action());
        assertFalse(resolved.send());
    }
}
