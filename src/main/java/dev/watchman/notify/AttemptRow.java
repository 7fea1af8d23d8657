package dev.watchman.notify;

import dev.watchman.graph.Row;
import dev.watchman.graph.Times;
import java.time.Instant;
import java.util.Map;

/**
 * The parameters of {@code cypher/notify/record.cypher}: how one attempt ended. {@code lastError}
 * is redacted before it gets here (it never holds the webhook URL).
 *
 * @param nextAttemptAt when to try again; null once sent or failed
 * @param lastError     null keeps the stored one (a message sent after a 500 still says why it waited)
 */
record AttemptRow(String id, String status, Instant nextAttemptAt, String lastError, Instant sentAt) implements Row {
    static final String PENDING = "pending";
    static final String SENT = "sent";
    static final String FAILED = "failed";

    static AttemptRow sent(String id, Instant at) {
        return new AttemptRow(id, SENT, null, null, at);
    }

    static AttemptRow retry(String id, Instant next, String error) {
        return new AttemptRow(id, PENDING, next, error, null);
    }

    static AttemptRow failed(String id, String error) {
        return new AttemptRow(id, FAILED, null, error, null);
    }

    @Override
    public Map<String, Object> toParam() {
        return Row.params("id", id, "status", status, "nextAttemptAt", Times.utc(nextAttemptAt),
                "lastError", lastError, "sentAt", Times.utc(sentAt));
    }
}
