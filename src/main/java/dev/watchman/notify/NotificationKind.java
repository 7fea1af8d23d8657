package dev.watchman.notify;

import java.util.Locale;

/** What a notification announces: {@code Notification.kind} in the graph. */
public enum NotificationKind {
    /** An alert was raised: the (host, pack) drifted out of compliance. */
    DRIFT,
    /** The alert resolved itself: the (host, pack) is compliant again. */
    RESOLVED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
