package dev.watchman.schedule;

/** What a run that finished reports: how many hosts it checked and how many it had to skip. */
public record JobOutcome(int hostsChecked, int hostsSkipped) {
}
