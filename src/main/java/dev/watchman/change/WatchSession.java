package dev.watchman.change;

import dev.watchman.config.Config;
import dev.watchman.graph.Graph;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A running watcher with its event writer, as {@code serve} and {@code watch} use them: the writer
 * starts first (so events queued by an earlier run are written first), the watcher stops first
 * (so nothing is queued after the writer's last drain).
 */
public final class WatchSession implements AutoCloseable {
    private final EventWriter writer;
    private final ChangeWatcher watcher;

    private WatchSession(EventWriter writer, ChangeWatcher watcher) {
        this.writer = writer;
        this.watcher = watcher;
    }

    /**
     * Opens the queue in {@code queueDir}, reconciles the roots with the graph and starts watching.
     * {@code beforeStart} runs before any event can be recorded, to register callbacks and listeners.
     */
    public static WatchSession start(Supplier<Graph> graph, String hostId, Config.Watch settings, Path queueDir,
                                     java.util.function.Consumer<WatchSession> beforeStart) {
        EventWriter writer = EventWriter.open(graph, queueDir);
        try {
            ChangeWatcher watcher = new ChangeWatcher(graph, hostId, settings, writer);
            WatchSession s = new WatchSession(writer, watcher);
            beforeStart.accept(s);
            watcher.start();
            return s;
        } catch (RuntimeException e) {
            writer.close(Duration.ZERO);
            throw e;
        }
    }

    public EventWriter writer() {
        return writer;
    }

    public ChangeWatcher watcher() {
        return watcher;
    }

    /** Stops watching, gives the writer up to 5 s to empty the queue; the rest stays queued on disk. */
    @Override
    public void close() {
        watcher.stop();
        writer.close(Duration.ofSeconds(5));
    }
}
