package dev.watchman.change;

import dev.watchman.Sha256;
import dev.watchman.graph.Graph;
import dev.watchman.graph.Query;
import dev.watchman.watch.FileChange;
import dev.watchman.watch.KnownState;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The change feature's graph I/O: rows in, rows out, every statement from cypher/change. */
final class ChangeStore {
    static final Query WRITE_EVENTS = Query.of("change/write-events");
    static final Query KNOWN_STATE = Query.of("change/known-state");
    static final Query GET_CHANGES = Query.of("change/get-changes");
    static final Query GET_CHANGES_UNDER = Query.of("change/get-changes-under");
    static final Query KNOWN_ANY = Query.of("change/known-any");
    static final Query WRITE_BASELINE = Query.of("change/write-baseline");
    /** Rows per baseline transaction. */
    static final int BASELINE_BATCH = 5_000;

    private ChangeStore() {
    }

    /** One write transaction for the whole list: the caller sizes it (the writer's batch). */
    static void write(Graph graph, List<ChangeEvent> events) {
        List<Map<String, Object>> rows = new ArrayList<>(events.size());
        events.forEach(e -> rows.add(row(e)));
        graph.write(WRITE_EVENTS, Map.of("rows", rows));
    }

    static Map<String, Object> row(ChangeEvent e) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", e.id());
        m.put("hostId", e.hostId());
        m.put("fileId", e.fileId());
        m.put("path", e.path());
        m.put("changeType", e.changeType());
        m.put("at", utc(e.at()));
        m.put("previousHash", e.previousHash());
        m.put("currentHash", e.currentHash());
        m.put("changes", e.changes());
        m.put("source", e.source());
        m.put("detectedAtStartup", e.detectedAtStartup());
        boolean watcher = e.source().equals(ChangeEvent.WATCHER);
        m.put("status", !watcher ? null : e.changeType().equals(FileChange.DELETED) ? "missing" : "present");
        if (watcher && e.state() != null) {
            putState(m, e.state());
        }
        return m;
    }

    private static void putState(Map<String, Object> m, KnownState s) {
        boolean link = s.type().equals(KnownState.SYMLINK);
        m.put("kind", link ? "SYMLINK" : s.type().equals(KnownState.FILE) ? "FILE" : "OTHER");
        // Snapshots store no hash for a symlink, only its target; keep the node the same shape.
        m.put("sha256", link ? null : s.sha256());
        m.put("size", s.size());
        m.put("mode", s.mode());
        m.put("uid", s.uid());
        m.put("gid", s.gid());
        m.put("mtime", s.mtime() == null ? null : utc(s.mtime()));
        m.put("linkTarget", s.target());
    }

    /** Records the state of a first-time root's files, without events, for files the graph does not know. */
    static void writeBaseline(Graph graph, String hostId, Map<String, KnownState> state) {
        List<Map<String, Object>> rows = new ArrayList<>(state.size());
        state.forEach((path, s) -> {
            Map<String, Object> m = new HashMap<>();
            m.put("fileId", hostId + ":" + path);
            m.put("path", path);
            putState(m, s);
            rows.add(m);
        });
        graph.writeBatches(WRITE_BASELINE, rows, Map.of("hostId", hostId), BASELINE_BATCH);
    }

    /** Whether the graph has ever recorded a file of this host under {@code root}. */
    static boolean knowsAnything(Graph graph, String hostId, String root) {
        return !graph.read(KNOWN_ANY, Map.of("hostId", hostId, "root", root)).isEmpty();
    }

    /** The last recorded state of the present files under {@code roots}: path → state. */
    static Map<String, KnownState> knownState(Graph graph, String hostId, List<String> roots) {
        Map<String, KnownState> out = new HashMap<>();
        for (Map<String, Object> r : graph.read(KNOWN_STATE, Map.of("hostId", hostId, "roots", roots))) {
            KnownState s = state(r);
            if (s != null) {
                out.put((String) r.get("path"), s);
            }
        }
        return out;
    }

    /** A ConfigFile row as the watcher's state; null for directories, which the watcher does not track. */
    static KnownState state(Map<String, Object> r) {
        String kind = r.get("kind") == null ? "FILE" : (String) r.get("kind");
        String target = (String) r.get("linkTarget");
        String type;
        String sha = (String) r.get("sha256");
        switch (kind) {
            case "DIR":
                return null;
            case "SYMLINK":
                type = KnownState.SYMLINK;
                // The watcher hashes a symlink's target string; the graph keeps the target itself.
                sha = target == null ? null : Sha256.hex(target);
                break;
            case "OTHER":
                type = KnownState.OTHER;
                break;
            default:
                type = KnownState.FILE;
        }
        return new KnownState(type, sha, num(r.get("size")), (int) num(r.get("mode")), (int) num(r.get("uid")),
                (int) num(r.get("gid")), instant(r.get("mtime")), null, null, target);
    }

    static List<Map<String, Object>> changes(Graph graph, ChangeQuery q) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("since", utc(q.since() == null ? Instant.EPOCH : q.since()));
        p.put("hostId", q.hostId());
        p.put("changeType", q.changeType());
        p.put("source", q.source());
        p.put("limit", (long) q.limit());
        if (q.path() == null) {
            return graph.read(GET_CHANGES, p);
        }
        p.put("path", q.path());
        p.put("prefix", q.path().equals("/") ? "/" : q.path() + "/");
        return graph.read(GET_CHANGES_UNDER, p);
    }

    static ZonedDateTime utc(Instant i) {
        return i.atZone(ZoneOffset.UTC);
    }

    private static Instant instant(Object o) {
        return o instanceof TemporalAccessor t ? Instant.from(t) : null;
    }

    private static long num(Object o) {
        return o == null ? -1 : ((Number) o).longValue();
    }

}
