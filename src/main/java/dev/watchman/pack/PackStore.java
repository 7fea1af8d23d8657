package dev.watchman.pack;

import dev.watchman.graph.Cells;
import dev.watchman.graph.Graph;
import dev.watchman.graph.Query;
import dev.watchman.graph.Row;
import dev.watchman.graph.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The pack feature's graph I/O, every statement from cypher/pack. */
final class PackStore {
    static final Query UPSERT = Query.of("pack/upsert");
    static final Query ASSIGN = Query.of("pack/assign");
    static final Query UNASSIGN = Query.of("pack/unassign");
    static final Query ASSIGNED = Query.of("pack/assigned");
    static final Query ASSIGNMENTS = Query.of("pack/assignments");
    static final Query FIND_HOST = Query.of("pack/find-host");
    static final Query KNOWN = Query.of("pack/known");
    static final Query FACTS = Query.of("pack/facts");

    private final Graph graph;

    PackStore(Graph graph) {
        this.graph = graph;
    }

    static String id(Pack p) {
        return p.name() + "@" + p.version();
    }

    /** One recorded pack version: how many host assignments moved to it. */
    record Upserted(String name, String version, long moved) {
    }

    List<Upserted> upsert(List<Pack> packs, Instant at) {
        List<Upserted> out = new ArrayList<>();
        for (Map<String, Object> r : graph.write(UPSERT, Map.of("rows", Row.toParams(packs.stream().map(PackRow::of).toList()),
                "at", Times.utc(at)))) {
            out.add(new Upserted(Cells.string(r, "name"), Cells.string(r, "version"), Cells.longValue(r, "moved")));
        }
        return out;
    }

    Map<String, Object> assign(String hostId, String packId, Instant at) {
        return graph.write(ASSIGN, Map.of("hostId", hostId, "packId", packId, "at", Times.utc(at))).get(0);
    }

    long unassign(String hostId, String name) {
        return Cells.longValue(graph.write(UNASSIGN, Map.of("hostId", hostId, "name", name)).get(0), "removed");
    }

    List<Map<String, Object>> assigned(String hostId) {
        return graph.read(ASSIGNED, Map.of("hostId", hostId));
    }

    /** @param name a pack name, or null for every assignment */
    List<Map<String, Object>> assignments(String name) {
        Map<String, Object> p = new HashMap<>();
        p.put("name", name);
        return graph.read(ASSIGNMENTS, p);
    }

    List<Map<String, Object>> findHost(String ref) {
        return graph.read(FIND_HOST, Map.of("ref", ref));
    }

    boolean known(String name) {
        return Cells.longValue(graph.read(KNOWN, Map.of("name", name)).get(0), "n") > 0;
    }

    List<Map<String, Object>> facts(List<String> fileIds) {
        return graph.read(FACTS, Map.of("ids", fileIds));
    }
}
