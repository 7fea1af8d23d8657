package dev.watchman.audit;

import java.util.List;

/** The outcome of scanning one file: findings, or why it was not read. */
public record FileScan(String path, Status status, List<Finding> findings) {

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
}
