package dev.watchman.alert;

/** Placeholder while issue 10 is built; replaced by the drift check and the alert lifecycle. */
public final class AlertService {
    /**
     * Checks every host with assigned packs and drift detection on (or only {@code hostRef}), each
     * pack separately, and moves each (host, pack)'s alert accordingly.
     *
     * @param trigger what started it: {@code schedule}, {@code catch-up}, {@code manual}, {@code silence-end}
     */
    public CheckReport check(String hostRef, String trigger) {
        throw new UnsupportedOperationException("not built yet");
    }
}
