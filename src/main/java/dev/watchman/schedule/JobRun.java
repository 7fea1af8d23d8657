package dev.watchman.schedule;

import java.time.Instant;

/**
 * One {@code (:JobRun)} as recorded: written {@value #RUNNING} when the run starts and finished
 * when it ends.
 *
 * @param ranOn        the id of the host whose scheduler ran it ({@code -[:RAN_ON]->(:Host)})
 * @param finishedAt   null while running and for a run found interrupted at the next start
 * @param status       {@value #RUNNING}, {@value #OK}, {@value #FAILED} or {@value #INTERRUPTED}
 * @param hostsChecked null unless {@value #OK}
 * @param hostsSkipped null unless {@value #OK}
 * @param error        one line; null unless failed or interrupted
 */
public record JobRun(String id, String job, String trigger, String ranOn, Instant startedAt, Instant finishedAt,
                     String status, Integer hostsChecked, Integer hostsSkipped, String error) {
    public static final String RUNNING = "running";
    public static final String OK = "ok";
    public static final String FAILED = "failed";
    public static final String INTERRUPTED = "interrupted";
}
