package dev.watchman.host;

import dev.watchman.graph.Row;
import java.util.Map;

/**
 * The parameters of {@code cypher/host/upsert.cypher}, the statement that writes this machine's
 * {@code :Host} (the heartbeat only moves {@code lastSeen}).
 *
 * @param machineId {@code /etc/machine-id}, empty when there is none
 */
record HostRow(String id, String name, String machineId, String os, String kernel) implements Row {

    static HostRow of(HostIdentity h) {
        return new HostRow(h.id(), h.name(), h.machineId() == null ? "" : h.machineId(), h.os(), h.kernel());
    }

    @Override
    public Map<String, Object> toParam() {
        return Row.params("id", id, "name", name, "machineId", machineId, "os", os, "kernel", kernel);
    }
}
