package dev.watchman.config;

import java.util.Set;

/** {@code [api]}: the local HTTP API's address and switch. */
final class ApiTable {
    private static final Set<String> KEYS = Set.of("bind", "port", "enabled");

    private ApiTable() {
    }

    static Config.Api parse(TableReader top) {
        TableReader t = top.table("api", KEYS);
        return new Config.Api(t.string("bind", "127.0.0.1"), t.port("port", 7480), t.bool("enabled", true));
    }
}
