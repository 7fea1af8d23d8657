package dev.watchman.graph;

import java.util.List;
import java.util.Map;

/**
 * Typed reads of one result row (a column map from {@link Graph#read}): the casts live here, once,
 * and a column of the wrong type fails naming the column.
 */
public final class Cells {
    private Cells() {
    }

    public static String string(Map<String, Object> row, String column) {
        return (String) typed(row, column, String.class);
    }

    /** An integer column; {@code orElse} when it is null. */
    public static long longValue(Map<String, Object> row, String column, long orElse) {
        Number n = (Number) typed(row, column, Number.class);
        return n == null ? orElse : n.longValue();
    }

    /** An integer column that must be there. */
    public static long longValue(Map<String, Object> row, String column) {
        Number n = (Number) typed(row, column, Number.class);
        if (n == null) {
            throw new IllegalStateException("column " + column + " is null");
        }
        return n.longValue();
    }

    /** An integer column as an Integer; null when null or negative (the graph's "unknown"). */
    public static Integer intOrNull(Map<String, Object> row, String column) {
        long v = longValue(row, column, -1);
        return v < 0 ? null : Math.toIntExact(v);
    }

    /** True only for a stored {@code true}. */
    public static boolean bool(Map<String, Object> row, String column) {
        return Boolean.TRUE.equals(typed(row, column, Boolean.class));
    }

    /** A list of strings; empty when null. */
    @SuppressWarnings("unchecked")
    public static List<String> strings(Map<String, Object> row, String column) {
        List<Object> l = (List<Object>) typed(row, column, List.class);
        if (l == null) {
            return List.of();
        }
        for (Object o : l) {
            if (!(o instanceof String)) {
                throw new IllegalStateException("column " + column + " holds a " + o + ", not a string");
            }
        }
        return (List<String>) (List<?>) List.copyOf(l);
    }

    /** A map column (a map projection such as {@code v {.kind, .size}}); null when null. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Map<String, Object> row, String column) {
        return (Map<String, Object>) typed(row, column, Map.class);
    }

    private static Object typed(Map<String, Object> row, String column, Class<?> type) {
        Object v = row.get(column);
        if (v != null && !type.isInstance(v)) {
            throw new IllegalStateException("column " + column + " is a " + v.getClass().getSimpleName()
                    + ", not a " + type.getSimpleName());
        }
        return v;
    }
}
