package dev.watchman.watch;

import static org.junit.jupiter.api.Assertions.fail;

import dev.watchman.ChangeType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Collects delivered changes and lets a test wait for a condition on them instead of sleeping. */
final class Recorder implements Consumer<List<FileChange>> {
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final AtomicInteger SENTINELS = new AtomicInteger();

    private final List<FileChange> changes = new ArrayList<>();
    private int batches;

    @Override
    public synchronized void accept(List<FileChange> batch) {
        changes.addAll(batch);
        batches++;
        notifyAll();
    }

    synchronized List<FileChange> all() {
        return List.copyOf(changes);
    }

    synchronized int batches() {
        return batches;
    }

    synchronized void clear() {
        changes.clear();
    }

    /** Waits until {@code condition} holds for all changes so far; fails with what arrived. */
    synchronized List<FileChange> await(String what, Predicate<List<FileChange>> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.test(changes)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail("timed out waiting for " + what + "; got " + describe(changes));
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return List.copyOf(changes);
    }

    List<FileChange> awaitChange(Path p, ChangeType type) throws InterruptedException {
        String path = p.toAbsolutePath().toString();
        return await(type + " " + path,
                cs -> cs.stream().anyMatch(c -> c.path().equals(path) && c.changeType().equals(type)));
    }

    /**
     * Creates a fresh file in {@code dir} and waits for it: every change made before this call
     * has then been reported too (same round or an earlier one, in either mode). Returns the
     * changes other than the sentinel's.
     */
    List<FileChange> settle(Path dir) throws InterruptedException, IOException {
        Path sentinel = dir.resolve("sentinel-" + SENTINELS.incrementAndGet());
        Files.writeString(sentinel, "s");
        awaitChange(sentinel, FileChange.CREATED);
        return all().stream().filter(c -> !c.path().contains("/sentinel-")).toList();
    }

    static String describe(List<FileChange> cs) {
        List<String> lines = new ArrayList<>();
        for (FileChange c : cs.subList(0, Math.min(cs.size(), 30))) {
            lines.add(c.changeType() + " " + c.path() + " " + c.changes() + (c.detectedAtStartup() ? " (startup)" : ""));
        }
        return cs.size() + " change(s) " + lines;
    }
}
