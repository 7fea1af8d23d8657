package dev.watchman.watch;

import dev.watchman.fs.FileKind;
import dev.watchman.fs.FileStat;
import dev.watchman.fs.TreeWalker;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at one root's paths on disk and tells the {@link Reconciler} what it found: the I/O half
 * of reconciling. It stats, walks (through {@link TreeWalker}, placing each directory's inotify
 * watch before listing it), hashes when the reconciler asks, holds back what {@link InFlight} says
 * is still being written, and hands back to the {@link Debouncer} what it cannot settle now.
 * Runs on the root's thread, under the lock that guards the known state.
 */
final class RootScanner {
    private static final Logger log = LoggerFactory.getLogger(TreeWatcher.class);

    private final Path root;
    /** {@code null} in POLL mode: no watches, and nothing is looked at again before the next scan. */
    private final InotifyRegistry registry;
    private final Reconciler reconciler;
    private final Debouncer debouncer;
    private final InFlight inFlight;
    private final NameFilter filter;
    private final long debounceNanos;
    /** The first scan is done: from now on every file found is a change, not the baseline. */
    private boolean started;
    /** Set while a scan requested through {@link TreeWatcher#rescan()} runs. */
    private boolean deferNone;

    RootScanner(Path root, InotifyRegistry registry, Reconciler reconciler, Debouncer debouncer, InFlight inFlight,
            NameFilter filter, long debounceNanos) {
        this.root = root;
        this.registry = registry;
        this.reconciler = reconciler;
        this.debouncer = debouncer;
        this.inFlight = inFlight;
        this.filter = filter;
        this.debounceNanos = debounceNanos;
    }

    /** The first look at the root; with {@code startup}, what differs was changed while nothing watched. */
    void firstScan(boolean startup, List<FileChange> out) {
        watchParent();
        look(root, true, startup, out);
        started = true;
    }

    /** The whole root again; {@code requested}: a caller of {@link TreeWatcher#rescan()} waits, so report fresh changes now. */
    void scanRoot(boolean requested, List<FileChange> out) {
        deferNone = requested;
        try {
            watchParent();
            look(root, true, false, out);
        } finally {
            deferNone = false;
        }
    }

    /**
     * Brings the known state of {@code p} and, when it is or was a directory, of everything
     * below it in line with the disk. {@code deep}: list a directory even if already watched.
     */
    void look(Path p, boolean deep, boolean startup, List<FileChange> out) {
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
                walk(p, startup, out);
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
                // Look again then, or at its next kernel event (POLL: at the next scan).
                if (registry != null) {
                    debouncer.recheckAt(p, System.nanoTime() + wait);
                }
                return;
            }
        }
        inFlight.done(key);
        FileChange c = reconciler.record(look, after, Instant.now(), startup);
        if (c != null) {
            out.add(c);
        }
    }

    private void forget(Path p, boolean startup, List<FileChange> out) {
        String key = p.toString();
        inFlight.done(key);
        debouncer.release(key);
        FileChange c = reconciler.forget(key, Instant.now(), startup);
        if (c != null) {
            out.add(c);
        }
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

    /** Walks a directory tree, watching each directory before listing it, and reports differences. */
    private void walk(Path dir, boolean startup, List<FileChange> out) {
        Set<String> seen = new HashSet<>();
        List<Path> failed = new ArrayList<>();
        boolean deferRecent = started && !deferNone && debounceNanos > 0;
        Instant scanStart = Instant.now();
        try {
            TreeWalker.walk(dir, filter.excludes(), new TreeWalker.Visitor() {
                @Override
                public boolean enter(Path d, String rel) {
                    if (!reconciler.owns(d)) {
                        return false;
                    }
                    watch(d);
                    return true;
                }

                @Override
                public void entry(Path f, String rel, FileStat stat) {
                    if (stat.kind() == FileKind.DIR || !reconciler.owns(f)) {
                        return;
                    }
                    FileStates.Stat st = FileStates.of(stat);
                    String key = f.toString();
                    seen.add(key);
                    if (deferRecent && Duration.between(st.ctime(), scanStart).toNanos() < debounceNanos
                            && debouncer.holdBack(key)) {
                        // Changed within the debounce window, perhaps still being written: found
                        // by a scan, it gets the same quiet time as an event would (REALTIME:
                        // through the debouncer; POLL: the next scan takes it regardless).
                        if (registry != null) {
                            debouncer.event(f, System.nanoTime(), false);
                        }
                    } else {
                        update(f, st, startup, out);
                    }
                }

                @Override
                public void unreadable(Path p, String rel, FileStat stat, IOException e) {
                    // Nothing below it is concluded gone.
                    failed.add(p);
                    log.warn(stat == null ? "cannot stat {}: {}" : "cannot list {}: {}", p, e.toString());
                }
            });
        } catch (NoSuchFileException e) {
            // Gone since its stat: so is everything known below it.
        } catch (IOException e) {
            log.warn("cannot read {}: {}", dir, e.toString());
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
}
