package dev.watchman.graph;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One open write transaction: several statements that commit or fail together. */
public interface Tx {
    List<Map<String, Object>> run(Query query, Map<String, Object> params);

    /** Runs {@code query} with {@code rows} as {@code $rows}, plus {@code params}; nothing for no rows. */
    default void runBatch(Query query, List<? extends Row> rows, Map<String, Object> params) {
        if (rows.isEmpty()) {
            return;
        }
        Map<String, Object> p = new HashMap<>(params);
        p.put("rows", Row.toParams(rows));
        run(query, p);
    }

    /** {@link #runBatch} over {@code rows} split into batches of {@link Batches#SIZE}, all in this transaction. */
    default void runBatched(Query query, List<? extends Row> rows, Map<String, Object> params) {
        for (List<? extends Row> batch : Batches.split(rows)) {
            runBatch(query, batch, params);
        }
    }
}
