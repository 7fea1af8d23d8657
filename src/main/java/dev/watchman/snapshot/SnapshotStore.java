package dev.watchman.snapshot;

import dev.watchman.graph.Cells;
import dev.watchman.graph.ConfigFileRow;
import dev.watchman.graph.EventRow;
import dev.watchman.graph.FileStatus;
import dev.watchman.graph.Graph;
import dev.watchman.graph.Query;
import dev.watchman.graph.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The snapshot feature's graph I/O: typed rows in, typed values out. Its own statements are in
 * cypher/snapshot; files and events go through the shared {@link ConfigFileRow} and {@link EventRow}
 * statements.
 */
final class SnapshotStore {
    static final Query BEGIN = Query.of("snapshot/begin");
    static final Query WRITE_VERSIONS = Query.of("snapshot/write-versions");
    static final Query FINISH = Query.of("snapshot/finish");
    static final Query GET = Query.of("snapshot/get");
    static final Query LIST = Query.of("snapshot/list");
    static final Query STATE_AT = Query.of("snapshot/state-at");
    static final Query CHANGED_BETWEEN = Query.of("snapshot/changed-between");

    /** {@code Event.source} of the events a snapshot records. */
    static final String SOURCE = "snapshot";

    private final Graph graph;

    SnapshotStore(Graph graph) {
        this.graph = graph;
    }

    /**
     * A snapshot just begun: its id and seq; the root's previous sequence (0: none) and its
     * snapshot's id; the last complete sequence (0: none) with its snapshot's id and excludes; and
     * when the last complete scan started (null: never).
     */
    record Begun(String id, long seq, long previousSeq, String previousId, long lastCompleteSeq,
                 String lastCompleteId, List<String> lastCompleteExcludes, Instant lastScanStartedAt) {
    }

    Begun begin(String hostId, String rootId, String root, String rootKey, String environment,
                List<String> excludes, Instant startedAt) {
        Map<String, Object> r = graph.write(BEGIN,
                new SnapshotStart(hostId, rootId, root, rootKey, environment, excludes, startedAt).toParam()).get(0);
        return new Begun(Cells.string(r, "id"), Cells.longValue(r, "seq"), Cells.longValue(r, "previousSeq", -1),
                Cells.string(r, "previousId"), Cells.longValue(r, "lastCompleteSeq", -1), Cells.string(r, "lastCompleteId"),
                Cells.strings(r, "lastCompleteExcludes"), Times.instant(r.get("lastScanStartedAt")));
    }

    /** A snapshot's new or changed file: present, with the state {@code e} scanned, as of {@code seq}. */
    static ConfigFileRow fileRow(String hostId, String rootId, long seq, String absPath, ScannedEntry e) {
        return ConfigFileRow.scanned(hostId, absPath, rootId, e.path(), seq, e.kind().name(), e.sha256(), e.size(),
                e.mode(), e.uid(), e.gid(), e.mtimeNanos(), e.ctimeNanos(), e.inode(), e.dev(), e.linkTarget(),
                e.error());
    }

    /** An unchanged file whose stat moved: only mtime and the cache keys are refreshed. */
    static ConfigFileRow touchRow(String hostId, String absPath, ScannedEntry e) {
        return ConfigFileRow.touched(hostId, absPath, e.mtimeNanos(), e.ctimeNanos(), e.inode(), e.dev());
    }

    /**
     * Records {@code files} ({@link #fileRow}s): each file's current state, and a new version from
     * its seq on with the open one closed. A batch's files and versions commit together.
     */
    void writeFiles(List<ConfigFileRow> files) {
        graph.inWriteBatches(files, (tx, batch) -> {
            tx.runBatch(ConfigFileRow.UPSERT, batch, Map.of());
            List<FileVersionRow> versions = new ArrayList<>(batch.size());
            batch.forEach(f -> versions.add(FileVersionRow.opened(f)));
            tx.runBatch(WRITE_VERSIONS, versions, Map.of());
        });
    }

    /** Closes, at {@code seq}, the open versions of files no longer in the tree; {@code status} says why. */
    void writeRemoved(String hostId, long seq, FileStatus status, List<String> absPaths) {
        graph.inWriteBatches(absPaths, (tx, batch) -> {
            List<ConfigFileRow> files = new ArrayList<>(batch.size());
            List<FileVersionRow> versions = new ArrayList<>(batch.size());
            for (String p : batch) {
                ConfigFileRow f = ConfigFileRow.removed(hostId, p, status, seq);
                files.add(f);
                versions.add(FileVersionRow.closed(f.fileId(), seq));
            }
            tx.runBatch(ConfigFileRow.UPSERT, files, Map.of());
            tx.runBatch(WRITE_VERSIONS, versions, Map.of());
        });
    }

    /** {@link #touchRow}s: properties only, no new versions. */
    void touch(List<ConfigFileRow> rows) {
        graph.writeBatched(ConfigFileRow.UPSERT, rows, Map.of());
    }

    void writeEvents(List<EventRow> rows) {
        graph.writeBatched(EventRow.WRITE, rows, Map.of());
    }

    void finish(SnapshotFinish totals) {
        graph.write(FINISH, totals.toParam());
    }

    /** The stored snapshot {@code id}, or null. */
    SnapshotService.Info get(String id) {
        List<Map<String, Object>> rows = graph.read(GET, Map.of("id", id));
        if (rows.isEmpty()) {
            return null;
        }
        Map<String, Object> r = rows.get(0);
        return new SnapshotService.Info(Cells.string(r, "id"), Cells.string(r, "hostId"), Cells.string(r, "rootId"),
                Cells.string(r, "root"), Cells.string(r, "environment"), Cells.longValue(r, "seq"),
                Cells.bool(r, "complete"), Cells.strings(r, "excludes"), Cells.longValue(r, "lastSeq"));
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
            ScannedEntry e = entry(Cells.string(r, "relPath"), r, r);
            out.put(e.path(), e);
        }
        return out;
    }

    /** For each file that changed between two sequences: its state at each (null = absent). */
    List<Change> changedBetween(String rootId, long from, long to) {
        List<Change> out = new ArrayList<>();
        for (Map<String, Object> r : graph.read(CHANGED_BETWEEN, Map.of("rootId", rootId, "from", from, "to", to))) {
            String path = Cells.string(r, "relPath");
            out.add(new Change(path, version(path, Cells.map(r, "before")), version(path, Cells.map(r, "after"))));
        }
        return out;
    }

    record Change(String path, ScannedEntry before, ScannedEntry after) {
    }

    private static ScannedEntry version(String path, Map<String, Object> v) {
        return v == null ? null : entry(path, v, Map.of());
    }

    /** A version's state ({@code v}) with the file's stat cache keys ({@code stat}; -1 where absent). */
    private static ScannedEntry entry(String path, Map<String, Object> v, Map<String, Object> stat) {
        return new ScannedEntry(path, ScannedEntry.Kind.valueOf(Cells.string(v, "kind")), Cells.longValue(v, "size", -1),
                (int) Cells.longValue(v, "mode", -1), (int) Cells.longValue(v, "uid", -1),
                (int) Cells.longValue(v, "gid", -1), Cells.longValue(stat, "mtimeNanos", -1),
                Cells.longValue(stat, "ctimeNanos", -1), Cells.longValue(stat, "inode", -1),
                Cells.longValue(stat, "dev", -1), 1, Cells.string(v, "linkTarget"), Cells.string(v, "sha256"),
                Cells.string(v, "error"));
    }

    /** Rows for the events {@code plan} found, recorded by snapshot {@code snapshotId} at {@code at}. */
    static List<EventRow> eventRows(String hostId, String snapshotId, Instant at,
                                    List<ChangePlan.Event> events, UnaryOperator<String> absolute) {
        List<EventRow> rows = new ArrayList<>(events.size());
        for (ChangePlan.Event e : events) {
            String path = absolute.apply(e.path());
            rows.add(new EventRow(snapshotId + ":" + SnapshotService.key(e.path()), hostId, ConfigFileRow.id(hostId, path),
                    path, e.changeType(), at, e.previousHash(), e.currentHash(), e.changes(), SOURCE, false,
                    snapshotId));
        }
        return rows;
    }
}
