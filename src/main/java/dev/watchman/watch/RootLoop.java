package dev.watchman.watch;

import dev.watchman.Threads;
import dev.watchman.watch.TreeWatcher.Mode;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One root's thread ({@code watchman-watch-<root>}): it waits for the root's event sources (the
 * kernel's through the {@link InotifyRegistry}, and the {@link DegradedPoller} for what inotify
 * does not cover; in POLL mode, a scan of the whole root every interval), lets the
 * {@link Debouncer} coalesce what they say, has the {@link RootScanner} look at what is due
 * and hands the changes to the listeners. Everything of the root is confined to that thread (and
 * to {@link TreeWatcher#start()} before it runs), except the known state, which
 * {@link #knownState()} copies under the lock the thread holds while it looks.
 */
final class RootLoop {
    /** The watcher's log: one component to the user, however it is cut up inside. */
    private static final Logger log = LoggerFactory.getLogger(TreeWatcher.class);

    /** Upper bound on one wait, so a {@link #rescan()} request is picked up promptly. */
    private static final long MAX_WAIT_MILLIS = 250;

    private final Path root;
    private final TreeWatcher.Settings settings;
    private final List<Consumer<List<FileChange>>> listeners;
    private final Reconciler reconciler;
    private final Debouncer debouncer;

    private final ConcurrentLinkedQueue<CompletableFuture<Void>> rescanRequests = new ConcurrentLinkedQueue<>();
    private final Object wakeup = new Object();
    /** Held by the thread while it looks, and by {@link #knownState()} for a copy. */
    private final Object lock = new Object();

    /** REALTIME: the kernel's events; {@code null} in POLL mode. Set by {@link #open()}. */
    private InotifyRegistry registry;
    private RootScanner scanner;
    private boolean overflowed;
    private volatile Thread thread;
    private List<FileChange> startupChanges = List.of();
    private volatile boolean closed;
    private volatile boolean paused;
    private volatile int overflowRescans;
    private long lastOverflowLog;

    /**
     * @param inner     other roots of the same watcher inside {@code root}, left to their own loops
     * @param listeners the watcher's, called on this root's thread
     */
    RootLoop(Path root, List<Path> inner, TreeWatcher.Settings settings, List<Consumer<List<FileChange>>> listeners) {
        this.root = root;
        this.settings = settings;
        this.listeners = listeners;
        this.reconciler = new Reconciler(root, inner, settings.filter());
        this.debouncer = new Debouncer(settings.debounceNanos());
    }

    /** Sets up inotify (REALTIME) before any root is scanned; throws as {@link InotifyRegistry#open} does. */
    void open() {
        if (settings.mode() == Mode.REALTIME) {
            registry = InotifyRegistry.open(root, settings.watchLimit(), settings.pollNanos());
        }
        InFlight inFlight = new InFlight(settings.settle(), settings.inFlightLimit(), settings.debounceNanos(),
                settings.writerProbe());
        scanner = new RootScanner(root, registry, reconciler, debouncer, inFlight, settings.filter(),
                settings.debounceNanos());
    }

    /**
     * Watches and scans the root on the caller's thread, so that {@link #knownState()} is complete
     * when {@link TreeWatcher#start()} returns; with a {@code baseline}, what differs from it is
     * kept for the thread to deliver first.
     */
    void firstScan(Map<String, KnownState> baseline) {
        List<FileChange> out = new ArrayList<>();
        synchronized (lock) {
            if (baseline != null) {
                reconciler.seed(baseline);
            }
            scanner.firstScan(baseline != null, out);
        }
        startupChanges = baseline == null ? List.of() : out;
    }

    void startThread() {
        Thread t = Threads.thread("watch-" + root, this::run);
        thread = t;
        t.start();
    }

    CompletableFuture<Void> rescan() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new IllegalStateException("TreeWatcher is closed"));
            return done;
        }
        rescanRequests.add(done);
        synchronized (wakeup) {
            wakeup.notifyAll();
        }
        return done;
    }

    Map<String, KnownState> knownState() {
        synchronized (lock) {
            return reconciler.snapshot();
        }
    }

    /** Tells the thread to stop and releases the inotify watches; {@link #awaitStop} waits for it. */
    void signalStop() {
        closed = true;
        synchronized (wakeup) {
            wakeup.notifyAll();
        }
        closeWatches();
    }

    /** Releases the inotify watches (also when another root's could not be set up at start). */
    void closeWatches() {
        if (registry != null) {
            registry.close();
        }
    }

    /** Waits for the thread until {@code deadline} (System.nanoTime), then fails rescans still waiting. */
    void awaitStop(long deadline) {
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                log.warn("watcher thread for {} did not stop within 5 s (a listener may be blocked)", root);
            }
        }
        CompletableFuture<Void> f;
        while ((f = rescanRequests.poll()) != null) {
            f.completeExceptionally(new IllegalStateException("TreeWatcher closed"));
        }
    }

    int overflowRescans() {
        return overflowRescans;
    }

    void pauseDraining(boolean pause) {
        this.paused = pause;
    }

    // ---- the thread ----

    private void run() {
        deliver(startupChanges);
        startupChanges = List.of();
        long pollNanos = settings.pollNanos();
        long verifyNanos = settings.verifyNanos();
        long nextPoll = System.nanoTime() + pollNanos;
        DegradedPoller poller = new DegradedPoller(root, pollNanos, System.nanoTime());
        long nextVerify = verifyNanos > 0 ? System.nanoTime() + verifyNanos : Long.MAX_VALUE;
        while (!closed) {
            try {
                List<CompletableFuture<Void>> requests = new ArrayList<>();
                List<FileChange> out = new ArrayList<>();
                if (registry == null) {
                    // POLL: one scan of the whole root every interval, or when asked.
                    waitForWakeup(nextPoll);
                    if (closed) {
                        break;
                    }
                    drainRequests(requests);
                    if (System.nanoTime() - nextPoll >= 0 || !requests.isEmpty()) {
                        synchronized (lock) {
                            scanAll(!requests.isEmpty(), out);
                        }
                        nextPoll = System.nanoTime() + pollNanos;
                    }
                } else {
                    awaitEvents();
                    drainRequests(requests);
                    long now = System.nanoTime();
                    synchronized (lock) {
                        poller.poll(now, registry, debouncer);
                        if (!requests.isEmpty() || now - nextVerify >= 0) {
                            // A whole scan: covers whatever the sources had pending.
                            scanAll(!requests.isEmpty(), out);
                            nextVerify = verifyNanos > 0 ? now + verifyNanos : Long.MAX_VALUE;
                        } else {
                            rescanOverflowed(out);
                            lookAtDue(now, out);
                        }
                    }
                }
                deliver(out);
                requests.forEach(r -> r.complete(null));
            } catch (ClosedWatchServiceException e) {
                break;
            } catch (Exception e) {
                // The one catch-all: an escaped exception would end the thread and with it all
                // watching of this root, silently. Log and go on with the next round.
                log.error("file watch round failed; continuing", e);
                sleepQuietly(200);
            }
        }
    }

    private void drainRequests(List<CompletableFuture<Void>> into) {
        CompletableFuture<Void> f;
        while ((f = rescanRequests.poll()) != null) {
            into.add(f);
        }
    }

    private void waitForWakeup(long deadline) throws InterruptedException {
        synchronized (wakeup) {
            long wait = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (wait > 0 && !closed && rescanRequests.isEmpty()) {
                wakeup.wait(wait);
            }
        }
    }

    /** Waits for kernel events until the next debounced path is due, then drains what is there. */
    private void awaitEvents() throws InterruptedException {
        long wait = overflowed ? 0 : debouncer.waitMillis(System.nanoTime(), MAX_WAIT_MILLIS);
        if (paused) {
            Thread.sleep(Math.max(wait, 1));
            return;
        }
        registry.drain(wait, sink);
    }

    /** Kernel events for paths this root watches go to the debouncer; an overflow to a rescan. */
    private final InotifyRegistry.Sink sink = new InotifyRegistry.Sink() {
        @Override
        public void changed(Path path, boolean structural, long now) {
            if (reconciler.watches(path)) {
                debouncer.event(path, now, structural);
            }
        }

        @Override
        public void overflowed() {
            overflowed = true;
        }
    };

    private void rescanOverflowed(List<FileChange> out) {
        if (!overflowed) {
            return;
        }
        int before = out.size();
        long t0 = System.nanoTime();
        debouncer.dropUnder(root);
        scanner.look(root, true, false, out);
        overflowRescans++;
        long now = System.nanoTime();
        // A burst overflows again and again; one line per minute says it without flooding.
        if (lastOverflowLog == 0 || now - lastOverflowLog > TimeUnit.MINUTES.toNanos(1)) {
            log.warn("inotify event queue overflowed under {}; rescanned it in {} ms and found {} change(s) "
                    + "({} overflow rescan(s) so far; further ones logged at debug for a minute)", root,
                    TimeUnit.NANOSECONDS.toMillis(now - t0), out.size() - before, overflowRescans);
            lastOverflowLog = now;
        } else {
            log.debug("inotify event queue overflowed under {}; rescan found {} change(s)", root, out.size() - before);
        }
        overflowed = false;
    }

    private void lookAtDue(long now, List<FileChange> out) {
        for (Debouncer.Due d : debouncer.takeDue(now)) {
            scanner.look(d.path(), d.deep(), false, out);
        }
    }

    private void scanAll(boolean requested, List<FileChange> out) {
        debouncer.clear();
        overflowed = false;
        scanner.scanRoot(requested, out);
    }

    private void deliver(List<FileChange> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<FileChange> view = Collections.unmodifiableList(batch);
        for (Consumer<List<FileChange>> l : listeners) {
            try {
                l.accept(view);
            } catch (RuntimeException e) {
                log.error("file change listener failed on a batch of {} change(s)", batch.size(), e);
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
