package dev.watchman.audit;

import java.util.List;

/**
 * The outcome of scanning one file: findings, or why it was not read.
 *
 * @param allowListed findings an allow-list entry (the default one or the config's) suppressed
 */
public record FileScan(String path, Status status, List<Finding> findings, int allowListed) {

    public enum Status {
        SCANNED,
        /** A NUL byte in the first 8 KiB: not text, not scanned. */
        SKIPPED_BINARY,
        /** Larger than the scanner's size cap. */
        SKIPPED_TOO_LARGE,
        /** Every rule is allow-listed for this path. */
        SKIPPED_ALLOWED
    }

    public FileScan {
        findings = List.copyOf(findings);
    }

    public FileScan(String path, Status status, List<Finding> findings) {
        this(path, status, findings, 0);
    }
}
