package dev.watchman.change;

import dev.watchman.ChangeType;
import dev.watchman.Sha256;
import dev.watchman.graph.Cells;
import dev.watchman.graph.ConfigFileRow;
import dev.watchman.graph.EventRow;
import dev.watchman.graph.FileStatus;
import dev.watchman.graph.Graph;
import dev.watchman.graph.Query;
import dev.watchman.graph.Times;
import dev.watchman.watch.KnownState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The change feature's graph I/O: typed rows in, typed values out. Its reads are in cypher/change;
 * events and file states go through the shared {@link EventRow} and {@link ConfigFileRow} statements.
 */
final class ChangeStore {
    static final Query KNOWN_STATE = Query.of("change/known-state");
    static final Query GET_CHANGES = Query.of("change/get-changes");
    static final Query GET_CHANGES_UNDER = Query.of("change/get-changes-under");
    static final Query KNOWN_ANY = Query.of("change/known-any");

    private ChangeStore() {
    }

    /**
     * One write transaction for the whole list (the caller sizes it: the writer's batch): the
     * files' states first, in queue order so the last one wins, then the events.
     */
    static void write(Graph graph, List<ChangeEvent> events) {
        List<ConfigFileRow> files = new ArrayList<>(events.size());
        List<EventRow> rows = new ArrayList<>(events.size());
        for (ChangeEvent e : events) {
            files.add(fileRow(e));
            rows.add(eventRow(e));
        }
        graph.inWrite(tx -> {
            tx.runBatch(ConfigFileRow.UPSERT, files, Map.of());
            tx.runBatch(EventRow.WRITE, rows, Map.of());
            return null;
        });
    }

    static EventRow eventRow(ChangeEvent e) {
        return new EventRow(e.id(), e.hostId(), e.fileId(), e.path(), e.changeType(), e.at(), e.previousHash(),
                e.currentHash(), e.changes(), e.source(), e.detectedAtStartup(), null);
    }

    /**
     * The file a change leaves behind. The watcher knows it (deleted: missing; otherwise present,
     * with its state); a change recorded through the API only names it.
     */
    static ConfigFileRow fileRow(ChangeEvent e) {
        if (!e.source().equals(ChangeEvent.WATCHER)) {
            return ConfigFileRow.named(e.hostId(), e.path());
        }
        FileStatus status = e.changeType() == ChangeType.DELETED ? FileStatus.MISSING : FileStatus.PRESENT;
        return observed(e.hostId(), e.path(), status, e.state(), false);
    }

    /** Records the state of a first-time root's files, without events, for files the graph does not know. */
    static void writeBaseline(Graph graph, String hostId, Map<String, KnownState> state) {
        List<ConfigFileRow> rows = new ArrayList<>(state.size());
        state.forEach((path, s) -> rows.add(observed(hostId, path, FileStatus.PRESENT, s, true)));
        graph.writeBatched(ConfigFileRow.UPSERT, rows, Map.of());
    }

    /** The watcher's state as the graph keeps it; {@code s} null: only the status. */
    private static ConfigFileRow observed(String hostId, String path, FileStatus status, KnownState s,
                                          boolean onlyIfNew) {
        if (s == null) {
            return ConfigFileRow.observed(hostId, path, status, null, null, null, null, null, null, null, null,
                    onlyIfNew);
        }
        boolean link = s.type().equals(KnownState.SYMLINK);
        String kind = link ? "SYMLINK" : s.type().equals(KnownState.FILE) ? "FILE" : "OTHER";
        // Snapshots store no hash for a symlink, only its target; keep the node the same shape.
        return ConfigFileRow.observed(hostId, path, status, kind, link ? null : s.sha256(), s.size(), s.mode(),
                s.uid(), s.gid(), s.mtime(), s.target(), onlyIfNew);
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
                out.put(Cells.string(r, "path"), s);
            }
        }
        return out;
    }

    /** A ConfigFile row as the watcher's state; null for directories, which the watcher does not track. */
    static KnownState state(Map<String, Object> r) {
        String kind = r.get("kind") == null ? "FILE" : Cells.string(r, "kind");
        String target = Cells.string(r, "linkTarget");
        String type;
        String sha = Cells.string(r, "sha256");
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
        return new KnownState(type, sha, Cells.longValue(r, "size", -1), (int) Cells.longValue(r, "mode", -1),
                (int) Cells.longValue(r, "uid", -1), (int) Cells.longValue(r, "gid", -1),
                Times.instant(r.get("mtime")), null, null, target);
    }

    static List<Map<String, Object>> changes(Graph graph, ChangeQuery q) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("since", Times.utc(q.since() == null ? Instant.EPOCH : q.since()));
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
}
