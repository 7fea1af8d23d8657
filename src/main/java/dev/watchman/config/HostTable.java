package dev.watchman.config;

import java.util.Set;

/** {@code [host]}: this machine's id and name; an absent id is derived from /etc/machine-id later. */
final class HostTable {
    private static final Set<String> KEYS = Set.of("id", "name");

    private HostTable() {
    }

    static Config.Host parse(TableReader top) {
        TableReader t = top.table("host", KEYS);
        String id = t.stringOrNull("id");
        if (id != null && !id.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")) {
            throw t.bad("id", "'" + id + "' must be 1-128 letters, digits, '.', '_', ':' or '-'");
        }
        return new Config.Host(id, t.stringOrNull("name"));
    }
}
