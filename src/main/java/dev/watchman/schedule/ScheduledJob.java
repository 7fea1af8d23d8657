package dev.watchman.schedule;

/** What a scheduled job does in one run. */
@FunctionalInterface
public interface ScheduledJob {
    /**
     * Runs once. An exception fails the run (recorded, logged, and the schedule goes on); an
     * {@link InterruptedException} means serve is stopping and records the run as interrupted.
     *
     * @param trigger why it runs: {@value Scheduler#SCHEDULE}, {@value Scheduler#CATCH_UP} or {@value Scheduler#MANUAL}
     */
    JobOutcome run(String trigger) throws Exception;
}
