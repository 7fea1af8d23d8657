package dev.watchman.watch;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One root's inotify watches: a {@link WatchService} with a key per watched directory (the root's
 * directories, and its parent, which is what sees the root itself replaced or recreated), and the
 * events they deliver turned into paths for the {@link Debouncer}. A root whose watches run out
 * is {@link #degraded()}: no more watches are placed in it and the loop polls it instead.
 *
 * <p>Confined to the root's thread (and to {@link TreeWatcher#start()} before that thread
 * starts), except {@link #close()}, which may come from anywhere and ends a blocked {@link #drain}.
 */
final class InotifyRegistry {
    private static final Logger log = LoggerFactory.getLogger(TreeWatcher.class);
    /** Keys drained per round, so a flood of events cannot starve debounced paths forever. */
    private static final int MAX_KEYS_PER_ROUND = 4096;

    /** Where drained events go. */
    interface Sink {
        /** Something happened at {@code path}; {@code structural}: created, deleted or moved, or its own watch ended. */
        void changed(Path path, boolean structural, long now);

        /** The kernel dropped events: only a rescan of the root can tell what happened. */
        void overflowed();
    }

    private final Path root;
    private final int limit;
    private final long pollNanos;
    private final WatchService service;
    private final Map<WatchKey, Path> keyDirs = new HashMap<>();
    private final Map<Path, WatchKey> dirKeys = new HashMap<>();
    /** Where watches could not be placed (the root, or its parent), each logged once. */
    private final Set<Path> failed = new HashSet<>();

    private InotifyRegistry(Path root, int limit, long pollNanos, WatchService service) {
        this.root = root;
        this.limit = limit;
        this.pollNanos = pollNanos;
        this.service = service;
    }

    /**
     * @param limit     simulated inotify watch limit (tests); the kernel's applies regardless
     * @param pollNanos how often a degraded root is polled instead (for the log line)
     * @throws WatchmanException (exit code IO) when inotify cannot be initialised at all
     */
    static InotifyRegistry open(Path root, int limit, long pollNanos) {
        try {
            return new InotifyRegistry(root, limit, pollNanos, FileSystems.getDefault().newWatchService());
        } catch (IOException e) {
            throw new WatchmanException(ExitCode.IO, "cannot start file watching (inotify): " + e.getMessage()
                    + "; use poll mode", e);
        }
    }

    /** The root ran out of watches: it is polled, and no more watches are placed in it. */
    boolean degraded() {
        return failed.contains(root);
    }

    boolean watches(Path dir) {
        return dirKeys.containsKey(dir);
    }

    /** The root has no parent, or the parent's watch is in place. */
    boolean parentWatched() {
        return root.getParent() == null || dirKeys.containsKey(root.getParent());
    }

    /** The parent's watch is what sees a root file replaced, or a root directory deleted and recreated. */
    void watchParent() {
        Path parent = root.getParent();
        if (parent != null && Files.isDirectory(parent)) {
            watch(parent);
        }
    }

    /** Watches {@code dir}, replacing a stale key (one that still names the path a directory was moved from). */
    void watch(Path dir) {
        boolean inRoot = dir.startsWith(root);
        if (inRoot && degraded()) {
            return;
        }
        try {
            WatchKey key = register(dir);
            Path was = keyDirs.get(key);
            if (was != null && !was.equals(dir)) {
                // inotify watches follow the inode: registering a directory that was moved here
                // returns its old key, still named by the old path. Start it afresh.
                key.cancel();
                keyDirs.remove(key);
                dirKeys.remove(was, key);
                key = register(dir);
            }
            WatchKey old = dirKeys.put(dir, key);
            if (old != null && old != key) {
                old.cancel();
                keyDirs.remove(old);
            }
            keyDirs.put(key, dir);
        } catch (NoSuchFileException e) {
            // Gone again already; the parent's delete event covers it.
        } catch (IOException e) {
            Path where = inRoot ? root : dir;
            if (failed.add(where)) {
                log.warn("cannot watch {} ({}); polling {} every {} ms instead. Raise fs.inotify.max_user_watches "
                        + "to restore real-time watching", dir, e.getMessage(), where,
                        TimeUnit.NANOSECONDS.toMillis(pollNanos));
            }
        }
    }

    private WatchKey register(Path dir) throws IOException {
        if (dirKeys.size() >= limit && !dirKeys.containsKey(dir)) {
            throw new IOException("User limit of inotify watches reached (simulated limit " + limit + ")");
        }
        return dir.register(service, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
    }

    /** {@code dir} is gone or no longer a directory: drops the watches at and below it (not the root's parent's). */
    void unwatchBelow(Path dir) {
        Iterator<Map.Entry<Path, WatchKey>> it = dirKeys.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Path, WatchKey> e = it.next();
            if (e.getKey().startsWith(dir) && !e.getKey().equals(root.getParent())) {
                e.getValue().cancel();
                keyDirs.remove(e.getValue());
                it.remove();
            }
        }
    }

    /**
     * Waits up to {@code waitMillis} (not at all if 0 or less) for events, then passes on what
     * has arrived.
     *
     * @throws ClosedWatchServiceException once {@link #close()} was called
     */
    void drain(long waitMillis, Sink sink) throws InterruptedException {
        WatchKey key = waitMillis > 0 ? service.poll(waitMillis, TimeUnit.MILLISECONDS) : service.poll();
        int drained = 0;
        while (key != null) {
            drain(key, sink);
            if (++drained >= MAX_KEYS_PER_ROUND) {
                break;
            }
            key = service.poll();
        }
    }

    private void drain(WatchKey key, Sink sink) {
        Path dir = keyDirs.get(key);
        long now = System.nanoTime();
        for (WatchEvent<?> ev : key.pollEvents()) {
            if (dir == null) {
                continue;
            }
            if (ev.kind() == OVERFLOW) {
                sink.overflowed();
                continue;
            }
            sink.changed(dir.resolve((Path) ev.context()), ev.kind() != ENTRY_MODIFY, now);
        }
        if (!key.reset()) {
            // The watch is gone: directory deleted, moved away or unmounted. Look at it again.
            keyDirs.remove(key);
            if (dir != null) {
                dirKeys.remove(dir, key);
                sink.changed(dir, true, now);
            }
        }
    }

    void close() {
        try {
            service.close();
        } catch (IOException e) {
            log.warn("closing the inotify watch service failed: {}", e.toString());
        }
    }
}
