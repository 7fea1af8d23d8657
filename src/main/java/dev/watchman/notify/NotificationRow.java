package dev.watchman.notify;

import java.time.Instant;

/** PLACEHOLDER until the notify branch merges. */
public record NotificationRow(String alertId, NotificationKind kind, SlackMessage message, Instant at) {
    public static NotificationRow of(String alertId, NotificationKind kind, SlackMessage message, Instant at) {
        return new NotificationRow(alertId, kind, message, at);
    }
}
