package dev.watchman;

/** How urgent a finding or a pack rule is; lower-case names in TOML and in the graph. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    /** Parses "low" … "critical" case-insensitively; null for anything else so callers word the error. */
    public static Severity parse(String s) {
        if (s == null) {
            return null;
        }
        for (Severity v : values()) {
            if (v.name().equalsIgnoreCase(s.trim())) {
                return v;
            }
        }
        return null;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
