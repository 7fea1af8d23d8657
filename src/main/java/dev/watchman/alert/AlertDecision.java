package dev.watchman.alert;

import dev.watchman.alert.PackOutcome.Action;
import java.time.Instant;

/**
 * The alert lifecycle of one (host, pack), as a pure function of what a check found and what was
 * known before it. An alert is raised only when a pack that passed before fails now (the first
 * check ever, and a host never yet compliant, have nothing to drift from); it is updated, never
 * duplicated, while the drift lasts, and resolved when the pack passes again. A silence holds back
 * raising and sending, never recording: drift still there when it ends raises the alert then,
 * because "passed before" is still true.
 *
 * @param send   whether a notification goes out with the change
 */
record AlertDecision(Action action, boolean send, String reason) {

    /** Where things stood before the check. */
    record Before(String activeAlertId, long earlierChecks, Instant lastPassed) {
    }

    /** A silence holding at check time, or null. */
    record Hold(String reason, Instant endsAt) {
    }

    static AlertDecision decide(boolean compliant, Before before, Hold silence) {
        boolean active = before.activeAlertId() != null;
        if (compliant) {
            if (!active) {
                return new AlertDecision(Action.NONE, false, null);
            }
            return silence == null ? new AlertDecision(Action.RESOLVED, true, null)
                    : new AlertDecision(Action.RESOLVED, false, silenced(silence) + ": resolution not sent");
        }
        if (active) {
            return new AlertDecision(Action.UPDATED, false, "drift continues; no second notification");
        }
        if (before.earlierChecks() == 0) {
            return new AlertDecision(Action.NONE, false, "first check of this pack here: no earlier state to drift from");
        }
        if (before.lastPassed() == null) {
            return new AlertDecision(Action.NONE, false,
                    "has not passed yet: an alert is raised when it drifts after passing");
        }
        if (silence != null) {
            return new AlertDecision(Action.NONE, false, silenced(silence) + ": alert held back");
        }
        return new AlertDecision(Action.CREATED, true, null);
    }

    private static String silenced(Hold s) {
        return "silenced until " + s.endsAt() + " (" + s.reason() + ")";
    }
}
