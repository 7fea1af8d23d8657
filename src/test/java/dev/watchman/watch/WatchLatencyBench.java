package dev.watchman.watch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Write-to-delivery latency of {@link TreeWatcher} in real-time mode.
 *
 * <p>Run: {@code java -cp target-watch/classes:target-watch/test-classes:$(cat cp.txt)
 * dev.watchman.watch.WatchLatencyBench [debounceMillis...]} (default: 100 and 10).
 */
public final class WatchLatencyBench {
    private static final int SAMPLES = 500;
    private static final int BURST = 10_000;

    private WatchLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> debounces = args.length == 0 ? List.of(100, 10) : Arrays.stream(args).map(Integer::valueOf).toList();
        for (int debounce : debounces) {
            latency(debounce);
            burst(debounce);
        }
    }

    private static void latency(int debounceMillis) throws Exception {
        Path dir = Files.createTempDirectory("watch-bench");
        Path f = dir.resolve("app.conf");
        Files.writeString(f, "start");
        LinkedBlockingQueue<Long> delivered = new LinkedBlockingQueue<>();
        try (TreeWatcher w = TreeWatcher.builder().root(dir).debounce(Duration.ofMillis(debounceMillis)).build()) {
            w.addListener(batch -> batch.forEach(c -> delivered.add(System.nanoTime())));
            w.start();
            long[] micros = new long[SAMPLES];
            for (int i = 0; i < SAMPLES; i++) {
                long t0 = System.nanoTime();
                Files.writeString(f, "sample " + i);
                Long t1 = delivered.poll(10, TimeUnit.SECONDS);
                if (t1 == null) {
                    throw new IllegalStateException("no change delivered for sample " + i);
                }
                micros[i] = (t1 - t0) / 1000;
            }
            Arrays.sort(micros);
            System.out.printf("debounce %3d ms: single write -> FileChange, %d samples: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    debounceMillis, SAMPLES, micros[SAMPLES / 2] / 1000.0, micros[SAMPLES * 99 / 100] / 1000.0,
                    micros[SAMPLES - 1] / 1000.0);
        }
    }

    private static void burst(int debounceMillis) throws Exception {
        Path dir = Files.createTempDirectory("watch-bench");
        AtomicInteger count = new AtomicInteger();
        Object done = new Object();
        try (TreeWatcher w = TreeWatcher.builder().root(dir).debounce(Duration.ofMillis(debounceMillis)).build()) {
            w.addListener(batch -> {
                if (count.addAndGet(batch.size()) >= BURST) {
                    synchronized (done) {
                        done.notifyAll();
                    }
                }
            });
            w.start();
            long t0 = System.nanoTime();
            for (int i = 0; i < BURST; i++) {
                Files.writeString(dir.resolve("f" + i), Integer.toString(i));
            }
            long written = System.nanoTime();
            synchronized (done) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (count.get() < BURST && System.nanoTime() < deadline) {
                    done.wait(100);
                }
            }
            long t1 = System.nanoTime();
            Thread.sleep(500);
            System.out.printf("debounce %3d ms: burst of %d new files written in %.0f ms, all delivered %.0f ms after "
                    + "the first write (%.0f ms after the last); changes delivered: %d%n", debounceMillis, BURST,
                    (written - t0) / 1e6, (t1 - t0) / 1e6, (t1 - written) / 1e6, count.get());
        }
    }
}
