package dev.watchman.graph;

import java.util.Locale;

/** {@code ConfigFile.status}: whether the path was on disk when last seen, and whether snapshots still track it. */
public enum FileStatus {
    /** On disk when last seen. */
    PRESENT,
    /** Gone from the tree (a snapshot or the watcher saw it disappear). */
    MISSING,
    /** On disk when last seen, but excluded from snapshots since; the watcher still treats it as known. */
    EXCLUDED;

    /** The stored form: {@code present}, {@code missing}, {@code excluded}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The stored form read back; null for null or anything else. */
    public static FileStatus parse(String s) {
        for (FileStatus v : values()) {
            if (v.label().equals(s)) {
                return v;
            }
        }
        return null;
    }
}
