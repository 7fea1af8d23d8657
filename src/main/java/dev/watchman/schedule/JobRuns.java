package dev.watchman.schedule;

import dev.watchman.graph.Graph;
import java.util.List;

/** The recorded job runs, for `watchman jobs` and whoever else asks what the scheduler did. */
public final class JobRuns {
    private final JobRunStore store;

    public JobRuns(Graph graph) {
        this.store = new JobRunStore(graph);
    }

    /** The {@code limit} most recent runs of every job and host, newest first. */
    public List<JobRun> recent(int limit) {
        return store.recent(limit);
    }

    /** The latest run of {@code job} on {@code hostId}; null when it never ran there. */
    public JobRun last(String job, String hostId) {
        return store.last(job, hostId);
    }
}
