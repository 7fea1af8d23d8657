package dev.watchman.snapshot;

import dev.watchman.graph.Graph;
import dev.watchman.graph.Query;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The snapshot feature's graph I/O: rows in, rows out, every statement from cypher/snapshot. */
final class SnapshotStore {
    static final Query BEGIN = Query.of("snapshot/begin");
    static final Query WRITE_FILES = Query.of("snapshot/write-files");
    static final Query WRITE_REMOVED = Query.of("snapshot/write-removed");
    static final Query TOUCH_FILES = Query.of("snapshot/touch-files");
    static final Query WRITE_EVENTS = Query.of("snapshot/write-events");
    static final Query FINISH = Query.of("snapshot/finish");
    static final Query GET = Query.of("snapshot/get");
    static final Query LIST = Query.of("snapshot/list");
    static final Query STATE_AT = Query.of("snapshot/state-at");
    static final Query CHANGED_BETWEEN = Query.of("snapshot/changed-between");

    /** Rows per write transaction: large enough to amortise a round trip, small enough for the heap. */
    static final int BATCH = 5_000;

    private final Graph graph;

    SnapshotStore(Graph graph) {
        this.graph = graph;
    }

    /** ConfigFile status of a file gone from the tree, and of one no longer tracked because it is excluded. */
    static final String MISSING = "missing";
    static final String EXCLUDED = "excluded";

    /**
     * A snapshot just begun: its id and seq; the root's previous sequence (0: none) and its
     * snapshot's id; the last complete sequence (0: none) with its snapshot's id and excludes; and
     * when the last complete scan started (null: never).
     */
    record Begun(String id, long seq, long previousSeq, String previousId, long lastCompleteSeq,
                 String lastCompleteId, List<String> lastCompleteExcludes, Instant lastScanStartedAt) {
    }

    @SuppressWarnings("unchecked")
    Begun begin(String hostId, String rootId, String root, String rootKey, String environment,
                List<String> excludes, Instant startedAt) {
        Map<String, Object> r = graph.write(BEGIN, Map.of("hostId", hostId, "rootId", rootId, "root", root,
                "rootKey", rootKey, "environment", environment, "excludes", excludes, "startedAt", utc(startedAt))).get(0);
        Object last = r.get("lastScanStartedAt");
        Object lastExcludes = r.get("lastCompleteExcludes");
        return new Begun((String) r.get("id"), num(r.get("seq")), num(r.get("previousSeq")), (String) r.get("previousId"),
                num(r.get("lastCompleteSeq")), (String) r.get("lastCompleteId"),
                lastExcludes == null ? List.of() : (List<String>) lastExcludes,
                last instanceof ZonedDateTime z ? z.toInstant() : null);
    }

    void writeFiles(String hostId, String rootId, long seq, List<Map<String, Object>> rows) {
        graph.writeBatches(WRITE_FILES, rows, Map.of("hostId", hostId, "rootId", rootId, "seq", seq), BATCH);
    }

    /** Closes the open versions of files no longer in the tree; {@code status} says why. */
    void writeRemoved(long seq, String status, List<Map<String, Object>> rows) {
        graph.writeBatches(WRITE_REMOVED, rows, Map.of("seq", seq, "status", status), BATCH);
    }

    void touch(List<Map<String, Object>> rows) {
        graph.writeBatches(TOUCH_FILES, rows, Map.of(), BATCH);
    }

    void writeEvents(String snapshotId, Instant at, List<Map<String, Object>> rows) {
        graph.writeBatches(WRITE_EVENTS, rows, Map.of("snapshotId", snapshotId, "at", utc(at)), BATCH);
    }

    void finish(Map<String, Object> params) {
        graph.write(FINISH, params);
    }

    Map<String, Object> get(String id) {
        List<Map<String, Object>> rows = graph.read(GET, Map.of("id", id));
        return rows.isEmpty() ? null : rows.get(0);
    }

    List<Map<String, Object>> list(String root, String hostId) {
        Map<String, Object> p = new HashMap<>();
        p.put("root", root);
        p.put("hostId", hostId);
        return graph.read(LIST, p);
    }

    /** The root's files as recorded at {@code seq}. */
    Map<String, ScannedEntry> stateAt(String rootId, long seq) {
        Map<String, ScannedEntry> out = new HashMap<>();
        for (Map<String, Object> r : graph.read(STATE_AT, Map.of("rootId", rootId, "seq", seq))) {
            ScannedEntry e = entry((String) r.get("relPath"), r, r);
            out.put(e.path(), e);
        }
        return out;
    }

    /** For each file that changed between two sequences: its state at each (null = absent). */
    List<Change> changedBetween(String rootId, long from, long to) {
        List<Change> out = new ArrayList<>();
        for (Map<String, Object> r : graph.read(CHANGED_BETWEEN, Map.of("rootId", rootId, "from", from, "to", to))) {
            String path = (String) r.get("relPath");
            out.add(new Change(path, version(path, r.get("before")), version(path, r.get("after"))));
        }
        return out;
    }

    record Change(String path, ScannedEntry before, ScannedEntry after) {
    }

    @SuppressWarnings("unchecked")
    private static ScannedEntry version(String path, Object map) {
        return map == null ? null : entry(path, (Map<String, Object>) map, Map.of());
    }

    private static ScannedEntry entry(String path, Map<String, Object> v, Map<String, Object> stat) {
        return new ScannedEntry(path, ScannedEntry.Kind.valueOf((String) v.get("kind")), num(v.get("size")),
                (int) num(v.get("mode")), (int) num(v.get("uid")), (int) num(v.get("gid")),
                num(stat.get("mtimeNanos")), num(stat.get("ctimeNanos")), num(stat.get("inode")),
                num(stat.get("dev")), 1, (String) v.get("linkTarget"), (String) v.get("sha256"),
                (String) v.get("error"));
    }

    private static long num(Object o) {
        return o == null ? -1 : ((Number) o).longValue();
    }

    static ZonedDateTime utc(Instant i) {
        return i.atZone(ZoneOffset.UTC);
    }

    /** The row written for a file's current state and new version. */
    static Map<String, Object> fileRow(String fileId, String absPath, ScannedEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fileId", fileId);
        m.put("path", absPath);
        m.put("relPath", e.path());
        m.put("kind", e.kind().name());
        m.put("sha256", e.sha256());
        m.put("size", e.size());
        m.put("mode", e.mode());
        m.put("uid", e.uid());
        m.put("gid", e.gid());
        m.put("mtime", utc(Instant.ofEpochSecond(0, e.mtimeNanos())));
        m.put("mtimeNanos", e.mtimeNanos());
        m.put("ctimeNanos", e.ctimeNanos());
        m.put("inode", e.inode());
        m.put("dev", e.dev());
        m.put("linkTarget", e.linkTarget());
        m.put("error", e.error());
        return m;
    }

    static Map<String, Object> touchRow(String fileId, ScannedEntry e) {
        Map<String, Object> m = new HashMap<>();
        m.put("fileId", fileId);
        m.put("mtime", utc(Instant.ofEpochSecond(0, e.mtimeNanos())));
        m.put("mtimeNanos", e.mtimeNanos());
        m.put("ctimeNanos", e.ctimeNanos());
        m.put("inode", e.inode());
        m.put("dev", e.dev());
        return m;
    }
}
