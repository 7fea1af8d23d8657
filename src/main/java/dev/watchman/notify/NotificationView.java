package dev.watchman.notify;

import java.time.Instant;

/**
 * One :Notification as {@code watchman notifications} shows it (its JSON is this record).
 *
 * @param channel       {@code slack} or {@code log}; null until the first attempt decides it
 * @param nextAttemptAt when a pending one is tried next; null once sent or failed
 * @param lastError     why the last attempt failed (redacted), or null
 */
public record NotificationView(String id, String alertId, String kind, String channel, String status, long attempts,
                               Instant createdAt, Instant nextAttemptAt, Instant sentAt, String lastError,
                               String text) {
}
