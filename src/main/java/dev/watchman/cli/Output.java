package dev.watchman.cli;

import dev.watchman.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Tables for people, JSON for programs. */
public final class Output {
    public static final ObjectMapper JSON = Json.MAPPER;
    private static final int MAX_WIDTH = 100;

    private Output() {
    }

    public static String json(Object value) {
        return Json.write(value);
    }

    public static void printJson(PrintWriter out, Object value) {
        out.println(json(value));
        out.flush();
    }

    /** An aligned text table; columns are the union of the rows' keys, in first-seen order. */
    public static void printTable(PrintWriter out, List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            out.println("(no rows)");
            out.flush();
            return;
        }
        Set<String> cols = new LinkedHashSet<>();
        rows.forEach(r -> cols.addAll(r.keySet()));
        List<String> names = new ArrayList<>(cols);
        int[] width = new int[names.size()];
        List<String[]> cells = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            width[i] = names.get(i).length();
        }
        for (Map<String, Object> r : rows) {
            String[] line = new String[names.size()];
            for (int i = 0; i < names.size(); i++) {
                line[i] = cell(r.get(names.get(i)));
                width[i] = Math.min(MAX_WIDTH, Math.max(width[i], line[i].length()));
            }
            cells.add(line);
        }
        out.println(line(names.toArray(new String[0]), width));
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            rule.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
        }
        out.println(rule);
        cells.forEach(c -> out.println(line(c, width)));
        out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
        out.flush();
    }

    private static String line(String[] cells, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i].length() > width[i] ? cells[i].substring(0, width[i] - 1) + "…" : cells[i];
            b.append(i == 0 ? "" : "  ").append(c);
            if (i < cells.length - 1) {
                b.append(" ".repeat(width[i] - c.length()));
            }
        }
        return b.toString();
    }

    static String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof TemporalAccessor || v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof Map<?, ?> || v instanceof Collection<?>) {
            try {
                return JSON.copy().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(v);
            } catch (JsonProcessingException e) {
                return v.toString();
            }
        }
        return escape(v.toString());
    }

    /** Control characters (a newline in a file name) would break a table row: show them escaped. */
    public static String escape(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                if (b == null) {
                    b = new StringBuilder(s.substring(0, i));
                }
                b.append(c == '\n' ? "\\n" : c == '\t' ? "\\t" : String.format("\\x%02x", (int) c));
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }
}
