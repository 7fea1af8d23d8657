package dev.watchman.schedule;

import dev.watchman.graph.Row;
import dev.watchman.graph.Times;
import java.time.Instant;
import java.util.Map;

/** The parameters of {@code cypher/schedule/begin-run.cypher}: a run that has just started. */
record JobRunStart(String id, String job, String trigger, String ranOn, Instant startedAt) implements Row {
    @Override
    public Map<String, Object> toParam() {
        return Row.params("id", id, "job", job, "trigger", trigger, "ranOn", ranOn, "startedAt", Times.utc(startedAt));
    }
}
