package dev.watchman.config;

import java.util.List;
import java.util.Set;

/** {@code [snapshot]}: globs a snapshot leaves out. */
final class SnapshotTable {
    private static final Set<String> KEYS = Set.of("exclude");

    private SnapshotTable() {
    }

    static Config.Snapshot parse(TableReader top) {
        TableReader t = top.table("snapshot", KEYS);
        return new Config.Snapshot(t.strings("exclude", List.of()));
    }
}
