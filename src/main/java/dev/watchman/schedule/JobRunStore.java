package dev.watchman.schedule;

import dev.watchman.graph.Cells;
import dev.watchman.graph.Graph;
import dev.watchman.graph.Query;
import dev.watchman.graph.Times;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The :JobRun records: typed rows in, {@link JobRun}s out; statements in cypher/schedule. */
final class JobRunStore {
    static final Query BEGIN = Query.of("schedule/begin-run");
    static final Query FINISH = Query.of("schedule/finish-run");
    static final Query MARK_INTERRUPTED = Query.of("schedule/mark-interrupted");
    static final Query LAST = Query.of("schedule/last-run");
    static final Query RECENT = Query.of("schedule/recent-runs");

    private final Graph graph;

    JobRunStore(Graph graph) {
        this.graph = graph;
    }

    /** @throws IllegalStateException when the run's host has no :Host (the application records it first) */
    void begin(JobRunStart run) {
        if (graph.write(BEGIN, run.toParam()).isEmpty()) {
            throw new IllegalStateException("no :Host " + run.ranOn() + " to record job " + run.job() + "'s run on");
        }
    }

    void finish(JobRunFinish end) {
        graph.write(FINISH, end.toParam());
    }

    /** Marks {@code hostId}'s leftover running runs of {@code jobs} interrupted, except {@code keep}; returns them. */
    List<JobRun> markInterrupted(String hostId, Collection<String> jobs, Collection<String> keep) {
        List<JobRun> out = new ArrayList<>();
        for (Map<String, Object> r : graph.write(MARK_INTERRUPTED, Map.of("hostId", hostId,
                "jobs", List.copyOf(jobs), "keep", List.copyOf(keep)))) {
            out.add(new JobRun(Cells.string(r, "id"), Cells.string(r, "job"), null, hostId,
                    Times.instant(r.get("startedAt")), null, JobRun.INTERRUPTED, null, null, null));
        }
        return out;
    }

    /** The latest run of {@code job} on {@code hostId}, whatever its status; null when it never ran there. */
    JobRun last(String job, String hostId) {
        List<Map<String, Object>> rows = graph.read(LAST, Map.of("job", job, "hostId", hostId));
        return rows.isEmpty() ? null : run(rows.get(0));
    }

    List<JobRun> recent(int limit) {
        List<JobRun> out = new ArrayList<>();
        for (Map<String, Object> r : graph.read(RECENT, Map.of("limit", limit))) {
            out.add(run(r));
        }
        return out;
    }

    private static JobRun run(Map<String, Object> r) {
        return new JobRun(Cells.string(r, "id"), Cells.string(r, "job"), Cells.string(r, "trigger"),
                Cells.string(r, "ranOn"), Times.instant(r.get("startedAt")), Times.instant(r.get("finishedAt")),
                Cells.string(r, "status"), Cells.intOrNull(r, "hostsChecked"), Cells.intOrNull(r, "hostsSkipped"),
                Cells.string(r, "error"));
    }
}
