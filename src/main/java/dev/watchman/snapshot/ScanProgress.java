package dev.watchman.snapshot;

import java.time.Duration;

/**
 * A sample of a running scan's counters.
 *
 * @param expectedFiles files the prior scan saw (for an ETA), -1 if unknown
 */
public record ScanProgress(long filesSeen, long bytesSeen, long filesHashed, long bytesHashed,
                           long expectedFiles, Duration elapsed) {
}
