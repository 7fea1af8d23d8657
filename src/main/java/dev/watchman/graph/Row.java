package dev.watchman.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One typed row a write statement reads: a record whose components are the keys the statement's
 * {@code r.xxx} (or, for a one-row statement, its {@code $xxx}) refer to. {@code RowContractTest}
 * holds every statement in {@code cypher/} to the keys its row sends.
 */
public interface Row {
    /** The row as the driver takes it: one entry per record component, nulls included, times via {@link Times}. */
    Map<String, Object> toParam();

    /** A parameter map from alternating keys and values; unlike {@link Map#of} it keeps null values. */
    static Map<String, Object> params(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("params needs key, value pairs");
        }
        Map<String, Object> m = new HashMap<>(keysAndValues.length);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        if (m.size() != keysAndValues.length / 2) {
            throw new IllegalArgumentException("params names a key twice");
        }
        return m;
    }

    /** The rows as {@code $rows}. */
    static List<Map<String, Object>> toParams(List<? extends Row> rows) {
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(r.toParam());
        }
        return out;
    }
}
