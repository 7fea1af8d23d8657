package dev.watchman.schedule;

import dev.watchman.graph.Row;
import dev.watchman.graph.Times;
import java.time.Instant;
import java.util.Map;

/** The parameters of {@code cypher/schedule/finish-run.cypher}: how a run ended. */
record JobRunFinish(String id, Instant finishedAt, String status, Integer hostsChecked, Integer hostsSkipped,
                    String error) implements Row {
    @Override
    public Map<String, Object> toParam() {
        return Row.params("id", id, "finishedAt", Times.utc(finishedAt), "status", status,
                "hostsChecked", hostsChecked, "hostsSkipped", hostsSkipped, "error", error);
    }
}
