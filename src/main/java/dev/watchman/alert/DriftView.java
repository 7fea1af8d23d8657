package dev.watchman.alert;

import java.util.List;

/**
 * What the diff view shows for one (host, pack): the latest check's mismatches and when the pack
 * last passed. {@code checkedAt} null means the pack was never checked on the host.
 */
public record DriftView(String hostId, String hostName, String pack, String packVersion, String checkedAt,
                        String status, List<Row> mismatches, String lastPassed, String alertId, String alertSince) {

    /** One mismatch: never file content (the evaluator says which line, not what it says). */
    public record Row(String path, String rule, String severity, String expected, String actual) {
    }
}
