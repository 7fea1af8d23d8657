package dev.watchman.change;

import dev.watchman.ExitCode;
import dev.watchman.Threads;
import dev.watchman.WatchmanException;
import dev.watchman.graph.Batches;
import dev.watchman.graph.Graph;
import dev.watchman.watch.DurableQueue;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves change events from a {@link DurableQueue} on local disk into the graph, in order, in
 * batches, on one daemon thread named {@code watchman-event-writer}.
 *
 * <p>{@link #record} returns once the events are on disk (fsync), so a process that dies or a
 * Neo4j that is away loses nothing: the queue is acknowledged only after the graph transaction
 * that wrote the events committed. A crash between commit and acknowledgement replays the batch,
 * which MERGEs onto the events already written (their ids are deterministic). While the graph
 * fails, events stay queued and the writer retries with backoff, logging one line when the
 * outage starts and one when it ends.
 */
public final class EventWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventWriter.class);
    private static final long MIN_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 5_000;

    private final Supplier<Graph> graph;
    private final DurableQueue<ChangeEvent> queue;
    private final Path dir;
    private final List<Consumer<List<ChangeEvent>>> written = new CopyOnWriteArrayList<>();
    private final Object signal = new Object();
    /** Separate from {@link #signal} so new events do not cut a retry pause short. */
    private final Object stop = new Object();
    private final Thread thread;
    private volatile boolean closing;
    private long writtenTotal;

    private EventWriter(Supplier<Graph> graph, DurableQueue<ChangeEvent> queue, Path dir) {
        this.graph = graph;
        this.queue = queue;
        this.dir = dir;
        this.thread = Threads.thread("event-writer", this::run);
    }

    /**
     * Opens (or recovers) the queue in {@code dir} and starts the writer; events left there by an
     * earlier run are written first.
     *
     * @param graph asked for the graph at every attempt, so a reconnected graph is picked up
     * @throws WatchmanException exit code LOCKED when another process has the queue, IO otherwise
     */
    public static EventWriter open(Supplier<Graph> graph, Path dir) {
        DurableQueue<ChangeEvent> q;
        try {
            q = new DurableQueue<>(dir, ChangeEvent.class);
        } catch (IOException e) {
            int code = e.getMessage() != null && e.getMessage().contains("in use") ? ExitCode.LOCKED : ExitCode.IO;
            throw new WatchmanException(code, "cannot open the event queue " + dir + ": " + e.getMessage(), e);
        }
        EventWriter w = new EventWriter(graph, q, dir);
        try {
            long left = q.size();
            if (left > 0) {
                log.info("event queue {} holds {} event(s) from an earlier run; writing them first", dir, left);
            }
        } catch (RuntimeException e) {
            w.closeQueue();
            throw e;
        }
        w.thread.start();
        return w;
    }

    /** Called on the writer thread with each batch just committed to the graph, in order. */
    public void onWritten(Consumer<List<ChangeEvent>> listener) {
        written.add(listener);
    }

    /** Appends the events to the queue; returns once they are on disk. */
    public void record(List<ChangeEvent> events) throws IOException {
        if (events.isEmpty()) {
            return;
        }
        queue.append(events);
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    /** The queue directory. */
    public Path dir() {
        return dir;
    }

    /** Events queued and not yet written to the graph. */
    public long pending() {
        return queue.size();
    }

    /** Events written to the graph by this writer since it was opened. */
    public synchronized long writtenTotal() {
        return writtenTotal;
    }

    /** The events still queued, oldest first (start-up reconciliation folds them into the graph's state). */
    public List<ChangeEvent> queued() throws IOException {
        return queue.peek(Integer.MAX_VALUE);
    }

    /** Waits until the queue is empty; false when {@code timeout} passed first. */
    public boolean awaitDrained(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (signal) {
            while (queue.size() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !thread.isAlive()) {
                    return false;
                }
                signal.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
        return true;
    }

    /**
     * Gives the writer up to {@code drain} to empty the queue, then stops it and closes the queue.
     * Whatever is left stays on disk for the next run.
     */
    public void close(Duration drain) {
        try {
            awaitDrained(drain);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closing = true;
        synchronized (signal) {
            signal.notifyAll();
        }
        synchronized (stop) {
            stop.notifyAll();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long left = queue.size();
        if (left > 0) {
            log.info("{} event(s) stay queued in {} for the next start", left, dir);
        }
        closeQueue();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    private void closeQueue() {
        try {
            queue.close();
        } catch (IOException e) {
            log.warn("closing the event queue {} failed: {}", dir, e.toString());
        }
    }

    private void run() {
        long backoff = MIN_BACKOFF_MS;
        long outageSince = 0;
        while (!closing) {
            try {
                List<ChangeEvent> batch = queue.peek(Batches.SIZE);
                if (batch.isEmpty()) {
                    synchronized (signal) {
                        signal.notifyAll();
                        if (queue.size() == 0 && !closing) {
                            signal.wait(1_000);
                        }
                    }
                    continue;
                }
                ChangeStore.write(graph.get(), batch);
                queue.ack(batch.size());
                synchronized (this) {
                    writtenTotal += batch.size();
                }
                if (outageSince != 0) {
                    log.info("graph writes work again after {} s; {} event(s) still queued",
                            (System.nanoTime() - outageSince) / 1_000_000_000L, queue.size());
                    outageSince = 0;
                }
                backoff = MIN_BACKOFF_MS;
                notifyWritten(batch);
            } catch (InterruptedException e) {
                return;
            } catch (WatchmanException e) {
                if (e.exitCode() != ExitCode.GRAPH) {
                    log.error("event writer round failed; events stay queued, retrying", e);
                    backoff = pause(backoff);
                    continue;
                }
                if (outageSince == 0) {
                    outageSince = System.nanoTime();
                    log.warn("cannot write change events to the graph ({}); keeping {} event(s) queued in {} "
                            + "and retrying until it works", e.getMessage(), queue.size(), dir);
                } else {
                    log.debug("graph write retry failed: {}", e.getMessage());
                }
                backoff = pause(backoff);
            } catch (Exception e) {
                // The one catch-all: an exception escaping would end the thread and leave every
                // later event queued forever. The events stay queued; try again after a pause.
                log.error("event writer round failed; events stay queued, retrying", e);
                backoff = pause(backoff);
            }
        }
    }

    private long pause(long backoff) {
        synchronized (stop) {
            if (!closing) {
                try {
                    stop.wait(backoff);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    closing = true;
                }
            }
        }
        return Math.min(MAX_BACKOFF_MS, backoff * 2);
    }

    private void notifyWritten(List<ChangeEvent> batch) {
        for (Consumer<List<ChangeEvent>> l : written) {
            try {
                l.accept(batch);
            } catch (RuntimeException e) {
                // A listener's failure must not undo or stop the writing of later events.
                log.warn("listener for written change events failed: {}", e.toString());
            }
        }
    }
}
