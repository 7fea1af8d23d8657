package dev.watchman.change;

import dev.watchman.ChangeType;
import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import dev.watchman.graph.Graph;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The seeds' {@code record_change} and {@code get_changes} over the graph. */
public final class ChangeService {
    private final Graph graph;

    public ChangeService(Graph graph) {
        this.graph = graph;
    }

    /**
     * Change history, newest first, from every source (watcher, snapshot, api, …).
     * Rows: at, changeType, path, source, previousHash, currentHash, changes, detectedAtStartup, hostId, id.
     */
    public List<Map<String, Object>> getChanges(ChangeQuery q) {
        return ChangeStore.changes(graph, q);
    }

    /**
     * Records a change someone else observed (an API caller, a deploy tool) directly in the graph.
     * The file's stored state is left alone: the caller gives hashes, not a stat.
     *
     * @param source who recorded it; blank = {@code "api"}
     * @return the event as written (its id is deterministic: recording it again adds nothing)
     */
    public ChangeEvent recordChange(String hostId, String path, String changeType, String previousHash,
                                    String currentHash, List<String> changes, String source, Instant at) {
        if (path == null || path.isBlank()) {
            throw new WatchmanException(ExitCode.USAGE, "a change needs a path");
        }
        ChangeType type = ChangeQuery.changeType(changeType);
        if (type == null) {
            throw new WatchmanException(ExitCode.USAGE, "a change needs a changeType (one of " + ChangeType.labels() + ")");
        }
        String p = ChangeQuery.normalise(path);
        String src = source == null || source.isBlank() ? ChangeEvent.API : source.strip();
        ChangeEvent e = new ChangeEvent(ChangeEvent.idOf(hostId, p, type, previousHash, currentHash, at),
                hostId, p, type, at, previousHash, currentHash, changes, src, false, null);
        ChangeStore.write(graph, List.of(e));
        return e;
    }
}
