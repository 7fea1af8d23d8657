package dev.watchman.alert;

import java.util.Locale;

/**
 * What one drift check did for one (host, pack): `watchman check` prints one of these per line,
 * and its JSON is this record.
 *
 * @param compliant     null when the pack was not checked (skipped)
 * @param mismatchCount 0 when skipped
 * @param action        what happened to the (host, pack)'s alert
 * @param reason        why it was skipped, or what held the alert back (a silence, the first check); null otherwise
 * @param alertId       the alert created, updated or resolved; null for none and skipped
 * @param auditId       the pack :ConfigAudit this check recorded; null when skipped
 */
public record PackOutcome(String hostId, String hostName, String pack, Boolean compliant, int mismatchCount,
                          Action action, String reason, String alertId, String auditId) {

    /** What happened to the alert. */
    public enum Action {
        CREATED, UPDATED, RESOLVED, NONE, SKIPPED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
