package dev.watchman.notify;

import dev.watchman.graph.Row;
import dev.watchman.graph.Times;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The parameters of {@code cypher/notify/enqueue.cypher}: one pending :Notification. Never the
 * webhook URL: where it goes (Slack or the log) is decided when it is sent.
 *
 * @param id        the alert's id and the kind ({@code <alertId>:drift}), so announcing the same
 *                  alert change twice is one notification; random when there is no alert
 * @param payload   the JSON posted to the webhook ({@link SlackMessage#toJson})
 * @param createdAt also its first {@code nextAttemptAt}: due at once
 */
public record NotificationRow(String id, String alertId, NotificationKind kind, String text, String payload,
                              Instant createdAt) implements Row {

    public NotificationRow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public static NotificationRow of(String alertId, NotificationKind kind, SlackMessage message, Instant at) {
        String id = alertId == null ? UUID.randomUUID().toString() : alertId + ":" + kind.label();
        return new NotificationRow(id, alertId, kind, message.text(), message.toJson(), at);
    }

    @Override
    public Map<String, Object> toParam() {
        return Row.params("id", id, "alertId", alertId, "kind", kind.label(), "text", text, "payload", payload,
                "createdAt", Times.utc(createdAt));
    }
}
