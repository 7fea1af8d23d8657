package dev.watchman.config;

import java.nio.file.Path;
import java.util.Set;

/** {@code [packs]}: the directory of the user's own compliance packs, and the root the drift check reads. */
final class PacksTable {
    private static final Set<String> KEYS = Set.of("dir", "root");

    private PacksTable() {
    }

    /** @param configDir the default config file's directory; packs default to its {@code packs/} */
    static Config.Packs parse(TableReader top, Path configDir) {
        TableReader t = top.table("packs", KEYS);
        return new Config.Packs(t.path("dir", configDir.resolve("packs")), t.path("root", Path.of("/")));
    }
}
