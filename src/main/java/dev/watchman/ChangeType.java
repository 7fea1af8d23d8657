package dev.watchman;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * What happened to a file: the {@code changeType} of a change event, whoever saw it (a snapshot,
 * the watcher, an API caller). Lower-case in the graph, in JSON (the event queue on disk) and in
 * output; {@link #toString} is that form.
 */
public enum ChangeType {
    CREATED, MODIFIED, DELETED;

    /** {@code created}, {@code modified}, {@code deleted}. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the lower-case form; null for anything else (and for null), so callers word the error. */
    public static ChangeType parse(String s) {
        for (ChangeType t : values()) {
            if (t.label().equals(s)) {
                return t;
            }
        }
        return null;
    }

    /** Every label, for error messages: "created, modified, deleted". */
    public static String labels() {
        return String.join(", ", Arrays.stream(values()).map(ChangeType::label).toList());
    }

    @JsonCreator
    static ChangeType fromJson(String s) {
        ChangeType t = parse(s);
        if (t == null) {
            throw new IllegalArgumentException("change type must be created, modified or deleted: " + s);
        }
        return t;
    }

    @Override
    public String toString() {
        return label();
    }
}
