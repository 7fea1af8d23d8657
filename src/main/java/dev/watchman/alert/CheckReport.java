package dev.watchman.alert;

import java.util.List;

/**
 * One drift check over hosts and packs: what happened to each (host, pack), and the totals a
 * :JobRun records. A host counts as checked when at least one of its packs was checked.
 */
public record CheckReport(List<PackOutcome> outcomes, int hostsChecked, int hostsSkipped) {
    public CheckReport {
        outcomes = List.copyOf(outcomes);
    }
}
