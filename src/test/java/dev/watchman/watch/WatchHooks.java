package dev.watchman.watch;

/** The engine's package-private test hooks, for end-to-end tests in other packages. */
public final class WatchHooks {
    private WatchHooks() {
    }

    /** Stops draining kernel events, so the JDK's per-directory event list overflows. */
    public static void pauseDraining(TreeWatcher w, boolean pause) {
        w.pauseDraining(pause);
    }

    public static int overflowRescans(TreeWatcher w) {
        return w.overflowRescans();
    }
}
