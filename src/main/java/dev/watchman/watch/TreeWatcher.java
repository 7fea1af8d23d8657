package dev.watchman.watch;

import dev.watchman.WatchmanException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches files and directory trees and reports {@link FileChange}s in batches.
 *
 * <p>Kernel events are only hints about <em>which</em> paths to look at. What is reported always
 * comes from comparing the disk with the last known state of the path (stat, and SHA-256 when
 * the stat differs). That is what makes the awkward cases come out right without special code
 * for each: an editor's atomic save is one {@code modified}, a file created and deleted within
 * the debounce window is nothing, a lost or overflowed event costs a rescan, never a change.
 * A file still being written (see {@link InFlight}) is recorded once, when its writer is done.
 *
 * <p>Each root has its own daemon thread, named {@code watchman-watch-<root>} ({@link RootLoop}),
 * which does all of that root's work, listener calls included; listeners must hand slow work
 * (graph writes) elsewhere, e.g. to a {@link DurableQueue}. Inside, a root's loop waits for its
 * event sources ({@link InotifyRegistry}, or polling), coalesces their news per path in a
 * {@link Debouncer}, looks at the disk ({@link RootScanner}, through the filesystem layer) and
 * lets the pure {@link Reconciler} say what changed.
 */
public final class TreeWatcher implements AutoCloseable {

    /** How changes are noticed. */
    public enum Mode {
        /** inotify through the JDK {@link java.nio.file.WatchService}, falling back to polling per root when watches run out. */
        REALTIME,
        /** stat every path every interval; the choice for NFS and other filesystems without inotify. */
        POLL
    }

    /** What every root's loop is built with, checked once by the {@link Builder}. */
    record Settings(Mode mode, long pollNanos, long verifyNanos, long debounceNanos, NameFilter filter,
            int watchLimit, Duration settle, Duration inFlightLimit, boolean writerProbe) {
    }

    private final List<RootLoop> loops;
    private final Map<String, KnownState> baseline;
    private final List<Consumer<List<FileChange>>> listeners = new CopyOnWriteArrayList<>();
    private boolean started;
    private volatile boolean closed;

    private TreeWatcher(Builder b) {
        if (b.roots.isEmpty()) {
            throw new IllegalArgumentException("TreeWatcher needs at least one root");
        }
        List<Path> roots = b.roots.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList();
        if (b.debounce.isNegative()) {
            throw new IllegalArgumentException("debounce must not be negative: " + b.debounce);
        }
        Settings s = new Settings(b.mode, positive(b.pollInterval, "pollInterval").toNanos(),
                b.verifyInterval.isNegative() ? 0 : b.verifyInterval.toNanos(), b.debounce.toNanos(),
                new NameFilter(b.excludes), b.watchLimit, b.settle, b.inFlightLimit, b.writerProbe);
        List<RootLoop> ls = new ArrayList<>();
        for (Path root : roots) {
            List<Path> inner = roots.stream().filter(r -> !r.equals(root) && r.startsWith(root)).toList();
            ls.add(new RootLoop(root, inner, s, listeners));
        }
        this.loops = List.copyOf(ls);
        this.baseline = b.knownState == null ? null : Map.copyOf(b.knownState);
    }

    private static Duration positive(Duration d, String name) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
        return d;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Settings, checked once in {@link #build()}. */
    public static final class Builder {
        private final List<Path> roots = new ArrayList<>();
        private Mode mode = Mode.REALTIME;
        private Duration pollInterval = Duration.ofSeconds(5);
        private Duration verifyInterval = Duration.ZERO;
        private Duration debounce = Duration.ofMillis(100);
        private List<String> excludes = NameFilter.DEFAULT_EXCLUDES;
        private Map<String, KnownState> knownState;
        private int watchLimit = Integer.MAX_VALUE;
        private Duration settle = InFlight.DEFAULT_SETTLE;
        private Duration inFlightLimit = InFlight.DEFAULT_LIMIT;
        private boolean writerProbe = true;

        private Builder() {
        }

        /** A file or directory (watched recursively); it need not exist yet. */
        public Builder root(Path root) {
            roots.add(root);
            return this;
        }

        public Builder mode(Mode mode) {
            this.mode = mode;
            return this;
        }

        /** POLL: time between scans. REALTIME: time between scans of roots that ran out of inotify watches. Default 5 s. */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = interval;
            return this;
        }

        /** REALTIME only: also stat-scan every root this often as a safety net; zero (default) = never. */
        public Builder verifyInterval(Duration interval) {
            this.verifyInterval = interval;
            return this;
        }

        /**
         * Quiet time per path before it is looked at; default 100 ms. A scan that finds a file
         * changed less than this long ago leaves it for one more round (POLL: the next scan), so
         * a file caught mid-write is not reported twice.
         */
        public Builder debounce(Duration debounce) {
            this.debounce = debounce;
            return this;
        }

        /** File-name globs to ignore, replacing {@link #defaultExcludes()}. */
        public Builder excludes(List<String> globs) {
            this.excludes = List.copyOf(globs);
            return this;
        }

        /**
         * The last known state (absolute path → state), usually from the graph. When given, even
         * empty, {@link #start()} reports what differs with {@code detectedAtStartup=true};
         * when not given, the first scan only sets the baseline and reports nothing.
         */
        public Builder knownState(Map<String, KnownState> state) {
            this.knownState = state;
            return this;
        }

        /** Simulates the kernel's inotify watch limit (tests); the real limit applies regardless. */
        Builder watchLimit(int limit) {
            this.watchLimit = limit;
            return this;
        }

        /** Tests: how long an open but idle file waits, and the most any file in flight waits. */
        Builder inFlight(Duration settle, Duration limit) {
            this.settle = positive(settle, "settle");
            this.inFlightLimit = positive(limit, "in-flight limit");
            return this;
        }

        /** Tests: {@code false} acts as if the kernel could not be asked for open writers. */
        Builder writerProbe(boolean use) {
            this.writerProbe = use;
            return this;
        }

        public TreeWatcher build() {
            return new TreeWatcher(this);
        }
    }

    public static List<String> defaultExcludes() {
        return NameFilter.DEFAULT_EXCLUDES;
    }

    /** Listeners added before {@link #start()} receive the startup batch. */
    public void addListener(Consumer<List<FileChange>> listener) {
        listeners.add(listener);
    }

    /**
     * Registers watches, scans every root (reconciling with the known state, if given) and starts
     * one thread per root, which delivers that root's startup changes before any live ones.
     * Watches are registered before each directory is listed, so nothing written during the scan
     * is missed.
     *
     * @throws WatchmanException (exit code IO) when inotify cannot be initialised at all
     */
    public synchronized void start() {
        if (started || closed) {
            throw new IllegalStateException("TreeWatcher can be started once");
        }
        try {
            loops.forEach(RootLoop::open);
        } catch (RuntimeException e) {
            loops.forEach(RootLoop::closeWatches);
            throw e;
        }
        loops.forEach(l -> l.firstScan(baseline));
        started = true;
        loops.forEach(RootLoop::startThread);
    }

    /**
     * Scans every root again and reports what differs from the known state. The future completes
     * once the resulting batches (possibly empty, then not delivered) have been handed to
     * listeners; a file a process still has open for writing is not in them, but reported once done.
     */
    public CompletableFuture<Void> rescan() {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("TreeWatcher is closed"));
        }
        if (loops.size() == 1) {
            return loops.get(0).rescan();
        }
        return CompletableFuture.allOf(loops.stream().map(RootLoop::rescan).toArray(CompletableFuture[]::new));
    }

    /** A copy of the current known state, to persist or compare. */
    public Map<String, KnownState> knownState() {
        Map<String, KnownState> all = new TreeMap<>();
        loops.forEach(l -> all.putAll(l.knownState()));
        return all;
    }

    /** Stops every root's thread and releases the inotify watches; returns within about 5 s. */
    @Override
    public void close() {
        closed = true;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        synchronized (this) {
            // After a start() under way, so that the threads it starts are stopped and awaited
            // too. Not held while waiting: a listener may call close() on its own thread.
            loops.forEach(RootLoop::signalStop);
        }
        loops.forEach(l -> l.awaitStop(deadline));
    }

    /** Rescans caused by an event overflow so far (tests check the overflow path really ran). */
    int overflowRescans() {
        return loops.stream().mapToInt(RootLoop::overflowRescans).sum();
    }

    /** Stops draining kernel events (tests: lets the JDK's per-key event list overflow). */
    void pauseDraining(boolean pause) {
        loops.forEach(l -> l.pauseDraining(pause));
    }
}
