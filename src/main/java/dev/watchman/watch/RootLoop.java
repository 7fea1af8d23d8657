package dev.watchman.watch;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import dev.watchman.watch.TreeWatcher.Mode;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One root's watching: its thread ({@code watchman-watch-<root>}), which waits for its event
 * sources, lets the debouncer coalesce what they say, looks at what is due and hands the changes
 * to the listeners. All state of the root is confined to that thread, except the known state,
 * which {@link #knownState()} copies under a lock the thread holds while it looks.
 */
final class RootLoop {
    /** The watcher's log: one component to the user, however it is cut up inside. */
    private static final Logger log = LoggerFactory.getLogger(TreeWatcher.class);

    /** Upper bound on one wait, so a {@link #rescan()} request is picked up promptly. */
    private static final long MAX_WAIT_MILLIS = 250;

    private final Path root;
    private final Mode mode;
    private final long pollNanos;
    private final long verifyNanos;
    private final long debounceNanos;
    private final NameFilter filter;
    private final List<Consumer<List<FileChange>>> listeners;
    /** Files still being written wait here instead of being recorded half-way. */
    private final InFlight inFlight;
    private final Reconciler reconciler;
    private final Debouncer debouncer;

    private final ConcurrentLinkedQueue<CompletableFuture<Void>> rescanRequests = new ConcurrentLinkedQueue<>();
    private final Object wakeup = new Object();
    /** Held by the thread while it looks, and by {@link #knownState()} for a copy. */
    private final Object lock = new Object();

    private final int watchLimit;
    /** REALTIME: the kernel's events; {@code null} in POLL mode. */
    private InotifyRegistry registry;
    private boolean overflowed;

    private volatile Thread thread;
    private List<FileChange> startupChanges = List.of();
    private volatile boolean closed;
    private volatile boolean paused;
    private volatile int overflowRescans;
    private long lastOverflowLog;
    /** The first scan is done: from now on every file found is a change, not the baseline. */
    private boolean started;
    /** Set while a scan requested through {@link #rescan()} runs. */
    private boolean deferNone;

    /**
     * @param inner     other roots of the same watcher inside {@code root}, left to their own loops
     * @param listeners the watcher's, called on this root's thread
     */
    RootLoop(Path root, List<Path> inner, TreeWatcher.Settings s, List<Consumer<List<FileChange>>> listeners) {
        this.root = root;
        this.mode = s.mode();
        this.pollNanos = s.pollNanos();
        this.verifyNanos = s.verifyNanos();
        this.debounceNanos = s.debounceNanos();
        this.filter = s.filter();
        this.watchLimit = s.watchLimit();
        this.listeners = listeners;
        this.inFlight = new InFlight(s.settle(), s.inFlightLimit(), debounceNanos, s.writerProbe());
        this.reconciler = new Reconciler(root, inner, filter);
        this.debouncer = new Debouncer(debounceNanos);
    }

    Path root() {
        return root;
    }

    /** REALTIME: sets up inotify, before any root is scanned. */
    void open() {
        if (mode == Mode.REALTIME) {
            registry = InotifyRegistry.open(root, watchLimit, pollNanos);
        }
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
            watchParent();
            reconcile(root, true, baseline != null, out);
            started = true;
        }
        startupChanges = baseline == null ? List.of() : out;
    }

    void startThread() {
        thread = new Thread(this::run, "watchman-watch-" + root);
        thread.setDaemon(true);
        thread.start();
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

    // ---- the watcher thread ----

    private void run() {
        deliver(startupChanges);
        startupChanges = List.of();
        long nextPoll = System.nanoTime() + pollNanos;
        long nextVerify = verifyNanos > 0 ? System.nanoTime() + verifyNanos : Long.MAX_VALUE;
        while (!closed) {
            try {
                List<CompletableFuture<Void>> requests = new ArrayList<>();
                List<FileChange> out = new ArrayList<>();
                if (mode == Mode.POLL) {
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
                        if (!requests.isEmpty() || now - nextVerify >= 0) {
                            scanAll(!requests.isEmpty(), out);
                            nextVerify = verifyNanos > 0 ? now + verifyNanos : Long.MAX_VALUE;
                        } else {
                            rescanOverflowed(out);
                            reconcileDue(now, out);
                        }
                        if (now - nextPoll >= 0) {
                            maintain(out);
                            nextPoll = now + pollNanos;
                        }
                    }
                }
                deliver(out);
                requests.forEach(r -> r.complete(null));
            } catch (ClosedWatchServiceException e) {
                break;
            } catch (Exception e) {
                // The one catch-all: an escaped exception would end the thread and with it all
                // watching, silently. Log and go on with the next round.
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
            if (watched(path)) {
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
        reconcile(root, true, false, out);
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

    private void reconcileDue(long now, List<FileChange> out) {
        for (Debouncer.Due d : debouncer.takeDue(now)) {
            reconcile(d.path(), d.deep(), false, out);
        }
    }

    /** A root whose watches could not be placed is polled; a root whose parent vanished gets it back. */
    private void maintain(List<FileChange> out) {
        if (registry.degraded()) {
            reconcile(root, true, false, out);
        } else if (!registry.parentWatched()) {
            registry.watchParent();
            reconcile(root, true, false, out);
        }
    }

    /** {@code requested}: a caller of {@link #rescan()} waits for the answer, so report fresh changes now. */
    private void scanAll(boolean requested, List<FileChange> out) {
        debouncer.clear();
        overflowed = false;
        deferNone = requested;
        try {
            watchParent();
            reconcile(root, true, false, out);
        } finally {
            deferNone = false;
        }
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

    // ---- reconciling disk and known state (under lock) ----

    /**
     * Brings the known state of {@code p} and, when it is or was a directory, of everything
     * below it in line with the disk. {@code deep}: list a directory even if already watched.
     */
    private void reconcile(Path p, boolean deep, boolean startup, List<FileChange> out) {
        FileStates.Stat st;
        try {
            st = FileStates.stat(p);
        } catch (IOException e) {
            // Unreadable is not gone: reporting deletions here would raise false alarms.
            log.warn("cannot stat {}: {}", p, e.toString());
            return;
        }
        if (st == null) {
            forget(p, startup, out);
            forgetBelow(p, startup, out);
            unwatchBelow(p);
            return;
        }
        if (st.isDirectory()) {
            forget(p, startup, out);
            if (deep || registry == null || !registry.watches(p)) {
                scanDirectory(p, startup, out);
            }
            return;
        }
        forgetBelow(p, startup, out);
        unwatchBelow(p);
        update(p, st, startup, out);
    }

    private void update(Path p, FileStates.Stat st, boolean startup, List<FileChange> out) {
        String key = p.toString();
        debouncer.release(key);
        Reconciler.Look look = reconciler.look(key, st);
        KnownState after = look.before();
        if (look.mustHash()) {
            // Once watching, a file still being written is left for later rather than recorded
            // half-way; the first scan records what it finds, as the baseline must be complete.
            boolean live = started && !startup && st.type().equals(KnownState.FILE);
            long wait = live ? inFlight.beforeHash(p, st, deferNone) : 0;
            try {
                if (wait == 0) {
                    after = FileStates.capture(p, st);
                    wait = live ? inFlight.afterHash(p, st, FileStates.stat(p)) : 0;
                }
            } catch (IOException e) {
                // Usually replaced or removed between stat and read: look again after the debounce.
                debouncer.event(p, System.nanoTime(), true);
                log.debug("re-queued {} after read failure: {}", p, e.toString());
                return;
            }
            if (wait > 0) {
                reconciler.postpone(look);
                lookAgain(p, wait);
                return;
            }
        }
        inFlight.done(key);
        add(out, reconciler.record(look, after, Instant.now(), startup));
    }

    private static void add(List<FileChange> out, FileChange c) {
        if (c != null) {
            out.add(c);
        }
    }

    /** {@code p} is still being written: look again in {@code nanos}, or at its next kernel event (POLL: next scan). */
    private void lookAgain(Path p, long nanos) {
        if (mode == Mode.REALTIME) {
            debouncer.recheckAt(p, System.nanoTime() + nanos);
        }
    }

    private void forget(Path p, boolean startup, List<FileChange> out) {
        String key = p.toString();
        inFlight.done(key);
        debouncer.release(key);
        add(out, reconciler.forget(key, Instant.now(), startup));
    }

    private void forgetBelow(Path dir, boolean startup, List<FileChange> out) {
        forgotten(reconciler.forgetBelow(dir, Instant.now(), startup), out);
    }

    /** Changes for paths the reconciler no longer knows: whatever was pending for them ends too. */
    private void forgotten(List<FileChange> gone, List<FileChange> out) {
        for (FileChange c : gone) {
            inFlight.done(c.path());
            debouncer.release(c.path());
            out.add(c);
        }
    }

    /** Lists a directory tree, watching each directory before reading it, and reports differences. */
    private void scanDirectory(Path dir, boolean startup, List<FileChange> out) {
        Set<String> seen = new HashSet<>();
        List<Path> failed = new ArrayList<>();
        boolean deferRecent = started && !deferNone && debounceNanos > 0;
        Instant scanStart = Instant.now();
        try {
            Files.walkFileTree(dir, new FileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    if (!d.equals(dir) && (filter.excluded(d) || !reconciler.owns(d))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    watch(d);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    if (filter.excluded(f) || !reconciler.owns(f)) {
                        return FileVisitResult.CONTINUE;
                    }
                    try {
                        FileStates.Stat st = FileStates.stat(f);
                        if (st != null && !st.isDirectory()) {
                            seen.add(f.toString());
                            if (deferRecent && Duration.between(st.ctime(), scanStart).toNanos() < debounceNanos
                                    && debouncer.holdBack(f.toString())) {
                                // Changed within the debounce window, perhaps still being written:
                                // found by a scan, it gets the same quiet time as an event would
                                // (REALTIME: through the debouncer; POLL: the next scan takes it regardless).
                                if (mode == Mode.REALTIME) {
                                    debouncer.event(f, System.nanoTime(), false);
                                }
                            } else {
                                update(f, st, startup, out);
                            }
                        }
                    } catch (IOException e) {
                        failed.add(f);
                        log.warn("cannot stat {}: {}", f, e.toString());
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    if (!(e instanceof NoSuchFileException)) {
                        failed.add(f);
                        log.warn("cannot read {}: {}", f, e.toString());
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) {
                    if (e != null && !(e instanceof NoSuchFileException)) {
                        failed.add(d);
                        log.warn("cannot list {}: {}", d, e.toString());
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            log.warn("cannot scan {}: {}", dir, e.toString());
            return;
        }
        forgotten(reconciler.walked(dir, seen, failed, Instant.now(), startup), out);
    }

    // ---- inotify watches (none in POLL mode) ----

    private void watchParent() {
        if (registry != null) {
            registry.watchParent();
        }
    }

    private void watch(Path dir) {
        if (registry != null) {
            registry.watch(dir);
        }
    }

    private void unwatchBelow(Path dir) {
        if (registry != null) {
            registry.unwatchBelow(dir);
        }
    }

    private boolean watched(Path p) {
        return reconciler.watches(p);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
