package dev.watchman.snapshot;

/**
 * Receives samples of a running scan. {@link Scanner} calls it from one background thread, a few
 * times a second, then {@link #finished} once from the scanning thread.
 */
public interface ProgressListener {

    ProgressListener NONE = p -> { };

    void update(ScanProgress progress);

    default void finished(ScanProgress last) {
    }
}
