package dev.watchman.watch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls back when one config file changes, for applications that hot-reload their config.
 *
 * <p>Unlike a watch on the file itself (which dies with the inode an editor's atomic save
 * replaces) this watches the file's directory through {@link TreeWatcher}, and also stats the
 * file every {@code interval} in case inotify is unavailable or misses something (NFS). It fires
 * when the content, mode, owner or kind of the file changed, or when it reappears; touching it
 * or saving identical content does not cause a reload. A deleted file does not fire: there is
 * nothing to reload until it comes back.
 */
public final class ConfigWatcher {
    private static final Logger log = LoggerFactory.getLogger(ConfigWatcher.class);
    private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

    private final Path filePath;
    private final Runnable callback;
    private final Duration interval;
    private TreeWatcher watcher;

    public ConfigWatcher(Path filePath, Runnable callback) {
        this(filePath, callback, DEFAULT_INTERVAL);
    }

    public ConfigWatcher(Path filePath, Runnable callback, Duration interval) {
        this.filePath = Objects.requireNonNull(filePath, "filePath").toAbsolutePath().normalize();
        this.callback = Objects.requireNonNull(callback, "callback");
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        this.interval = interval;
    }

    /** Starts watching on a daemon thread; the callback runs on that thread. */
    public synchronized void start() {
        if (watcher != null) {
            throw new IllegalStateException("ConfigWatcher for " + filePath + " already started");
        }
        TreeWatcher w = TreeWatcher.builder()
                .root(filePath)
                .pollInterval(interval)
                .verifyInterval(interval)
                .build();
        w.addListener(this::onBatch);
        w.start();
        watcher = w;
    }

    /** Stops the thread, waiting at most 5 s for it. */
    public synchronized void stop() {
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
    }

    private void onBatch(List<FileChange> batch) {
        boolean reload = batch.stream().anyMatch(c -> !c.changeType().equals(FileChange.DELETED));
        if (!reload) {
            return;
        }
        try {
            callback.run();
        } catch (RuntimeException e) {
            // The application's reload failing must not stop the next reload from happening.
            log.error("config reload callback for {} failed", filePath, e);
        }
    }
}
