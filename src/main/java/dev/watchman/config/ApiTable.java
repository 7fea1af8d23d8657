package dev.watchman.config;

import java.util.Set;

/** {@code [api]}: the local HTTP API's address, switch and the base URL alert links use. */
final class ApiTable {
    private static final Set<String> KEYS = Set.of("bind", "port", "enabled", "public_url");

    private ApiTable() {
    }

    static Config.Api parse(TableReader top) {
        TableReader t = top.table("api", KEYS);
        String publicUrl = t.stringOrNull("public_url");
        if (publicUrl != null && !publicUrl.matches("^https?://[^\\s/?#]+(/[^\\s?#]*)?$")) {
            throw t.bad("public_url", "'" + publicUrl + "' is not an http(s) base URL; use e.g. https://watchman.example.org");
        }
        return new Config.Api(t.string("bind", "127.0.0.1"), t.port("port", 7480), t.bool("enabled", true),
                publicUrl);
    }
}
