package dev.watchman.graph;

import java.util.List;
import java.util.Map;

/** One open write transaction: several statements that commit or fail together. */
public interface Tx {
    List<Map<String, Object>> run(Query query, Map<String, Object> params);
}
