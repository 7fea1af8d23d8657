package dev.watchman.pack;

import java.util.Locale;
import java.util.Set;

/** The kinds of desired-state check a pack rule can make, with the fields each one takes. */
public enum RuleType {
    FILE_REQUIRED(Set.of("path")),
    FILE_FORBIDDEN(Set.of("path")),
    SHA256(Set.of("path", "sha256")),
    MODE(Set.of("path", "mode")),
    MAX_PERMISSIONS(Set.of("path", "max_mode")),
    OWNER(Set.of("path", "owner", "group")),
    LINE_REQUIRED(Set.of("path", "pattern")),
    LINE_FORBIDDEN(Set.of("path", "pattern")),
    REGEX_REQUIRED(Set.of("path", "pattern")),
    REGEX_FORBIDDEN(Set.of("path", "pattern")),
    TREE(Set.of("under", "forbid"));

    /** Keys every rule may have besides its type-specific ones. */
    static final Set<String> COMMON = Set.of("id", "type", "severity", "description");

    private final Set<String> fields;

    RuleType(Set<String> fields) {
        this.fields = fields;
    }

    /** The name used in TOML: {@code line_required}. */
    public String tomlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    Set<String> fields() {
        return fields;
    }

    boolean isContent() {
        return this == LINE_REQUIRED || this == LINE_FORBIDDEN || this == REGEX_REQUIRED || this == REGEX_FORBIDDEN;
    }

    static RuleType fromToml(String s) {
        for (RuleType t : values()) {
            if (t.tomlName().equals(s)) {
                return t;
            }
        }
        return null;
    }
}
