package dev.watchman.config;

import java.util.List;
import java.util.Set;

/** {@code [watch]}: what the watcher watches and how; excludes default to {@link ConfigLoader#DEFAULT_WATCH_EXCLUDES}. */
final class WatchTable {
    private static final Set<String> KEYS = Set.of("paths", "mode", "interval_seconds", "debounce_ms", "exclude");

    private WatchTable() {
    }

    static Config.Watch parse(TableReader top) {
        TableReader t = top.table("watch", KEYS);
        String modeName = t.string("mode", Config.Watch.Mode.REALTIME.label());
        Config.Watch.Mode mode = Config.Watch.Mode.parse(modeName);
        if (mode == null) {
            throw t.bad("mode", "'" + modeName + "' is not a mode; use \"realtime\" or \"poll\"");
        }
        int interval = t.integer("interval_seconds", 5, 1, 86_400);
        int debounce = t.integer("debounce_ms", 10, 0, 60_000);
        List<String> paths = t.strings("paths", List.of());
        return new Config.Watch(paths, mode, interval, debounce,
                t.strings("exclude", ConfigLoader.DEFAULT_WATCH_EXCLUDES));
    }
}
