package dev.watchman.graph;

import java.util.List;
import java.util.Map;

/** A read's result with its column names, which a result with no rows still has. */
public record Table(List<String> columns, List<Map<String, Object>> rows) {
    public Table {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }
}
