package dev.watchman.query;

import dev.watchman.graph.Cells;
import dev.watchman.graph.Graph;
import dev.watchman.graph.Query;
import dev.watchman.host.HostIdentity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code watchman status} and {@code GET /api/status} report. */
public final class StatusService {
    static final Query COMPONENTS = Query.of("status/components");
    static final Query NODE_COUNTS = Query.of("status/node-counts");

    public record Status(String backend, String uri, String neo4jVersion, String neo4jEdition, String hostId,
                         String hostName, Map<String, Long> nodeCounts) {
    }

    private final Graph graph;

    public StatusService(Graph graph) {
        this.graph = graph;
    }

    public Status status(String backend, HostIdentity host) {
        String version = "";
        String edition = "";
        for (Map<String, Object> row : graph.read(COMPONENTS, Map.of())) {
            if ("Neo4j Kernel".equals(row.get("name"))) {
                version = String.valueOf(row.get("version"));
                edition = String.valueOf(row.get("edition"));
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        List<Map<String, Object>> rows = graph.read(NODE_COUNTS, Map.of());
        for (Map<String, Object> row : rows) {
            counts.put(Cells.string(row, "label"), Cells.longValue(row, "count"));
        }
        return new Status(backend, graph.uri(), version, edition, host.id(), host.name(), counts);
    }
}
