package dev.watchman.host;

import dev.watchman.graph.Graph;
import dev.watchman.graph.Query;
import java.util.Map;

/** Keeps this machine's :Host node current. */
public final class HostService {
    static final Query UPSERT = Query.of("host/upsert");
    static final Query HEARTBEAT = Query.of("host/heartbeat");

    private final Graph graph;
    private final HostIdentity host;

    public HostService(Graph graph, HostIdentity host) {
        this.graph = graph;
        this.host = host;
    }

    public HostIdentity host() {
        return host;
    }

    public void upsert() {
        graph.write(UPSERT, HostRow.of(host).toParam());
    }

    public void heartbeat() {
        graph.write(HEARTBEAT, Map.of("id", host.id()));
    }
}
