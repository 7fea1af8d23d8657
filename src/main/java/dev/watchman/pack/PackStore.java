package dev.watchman.pack;

import dev.watchman.graph.Graph;
import dev.watchman.graph.Query;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

    /** @return per pack, how many host assignments moved to this version */
    List<Map<String, Object>> upsert(List<Pack> packs, ZonedDateTime at) {
        List<Map<String, Object>> rows = packs.stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id(p));
            m.put("name", p.name());
            m.put("version", p.version());
            m.put("checksum", p.sha256());
            m.put("description", p.description());
            m.put("source", p.source());
            m.put("ruleCount", p.rules().size());
            return m;
        }).toList();
        return graph.write(UPSERT, Map.of("rows", rows, "at", at));
    }

    Map<String, Object> assign(String hostId, String packId, ZonedDateTime at) {
        return graph.write(ASSIGN, Map.of("hostId", hostId, "packId", packId, "at", at)).get(0);
    }

    long unassign(String hostId, String name) {
        return ((Number) graph.write(UNASSIGN, Map.of("hostId", hostId, "name", name)).get(0).get("removed")).longValue();
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
        return ((Number) graph.read(KNOWN, Map.of("name", name)).get(0).get("n")).longValue() > 0;
    }

    List<Map<String, Object>> facts(List<String> fileIds) {
        return graph.read(FACTS, Map.of("ids", fileIds));
    }
}
