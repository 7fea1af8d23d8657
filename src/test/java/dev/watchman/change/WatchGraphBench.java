package dev.watchman.change;

import dev.watchman.config.Config;
import dev.watchman.config.ConfigLoader;
import dev.watchman.graph.Graph;
import dev.watchman.graph.TestGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * Change-to-event latency in realtime mode: a file write → its event committed in the graph (the
 * writer's commit callback; a committed event is visible to every reader), against the in-process
 * test Neo4j. Then a burst of 10,000 writes: time until all are committed, and the count.
 * Run: java -cp test-classes:classes:deps dev.watchman.change.WatchGraphBench [samples [debounceMillis]]
 */
public final class WatchGraphBench {
    private WatchGraphBench() {
    }

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int debounce = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Graph graph = TestGraph.fresh();
        Path root = Files.createTempDirectory("wm-latency");
        Map<String, Long> committedAt = new ConcurrentHashMap<>();
        Config.Watch w = new Config.Watch(List.of(root.toString()), Config.Watch.Mode.REALTIME, 5, debounce, ConfigLoader.DEFAULT_WATCH_EXCLUDES);
        try (WatchSession s = WatchSession.start(() -> graph, "bench-host", w, root.resolveSibling(root.getFileName() + "-queue"),
                x -> x.writer().onWritten(b -> {
                    long now = System.nanoTime();
                    b.forEach(e -> committedAt.putIfAbsent(e.path(), now));
                }))) {
            long[] ms = new long[samples];
            for (int i = 0; i < samples; i++) {
                Path f = root.resolve("lat-" + i + ".conf");
                long t0 = System.nanoTime();
                Files.writeString(f, "v" + i);
                while (!committedAt.containsKey(f.toString())) {
                    Thread.onSpinWait();
                }
                ms[i] = committedAt.get(f.toString()) - t0;
                Thread.sleep(20);
            }
            Arrays.sort(ms);
            System.out.printf("latency (debounce %d ms) over %d writes: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", debounce, samples,
                    ms[samples / 2] / 1e6, ms[(int) (samples * 0.99)] / 1e6, ms[samples - 1] / 1e6);

            committedAt.clear();
            long t0 = System.nanoTime();
            for (int d = 0; d < 10; d++) {
                Path dir = Files.createDirectories(root.resolve("burst" + d));
                for (int i = 0; i < 1000; i++) {
                    Files.writeString(dir.resolve("f" + i + ".conf"), "burst " + d + "/" + i);
                }
            }
            long written = System.nanoTime();
            while (committedAt.size() < 10_000) {
                Thread.sleep(5);
            }
            long done = System.nanoTime();
            Thread.sleep(2000);
            long count = TestGraph.count("MATCH (e:Event {changeType: 'created'}) WHERE e.path CONTAINS '/burst' RETURN count(e)", Map.of());
            System.out.printf("burst: 10,000 writes took %d ms; all committed %d ms after the first write; events in graph: %d%n",
                    (written - t0) / 1_000_000, (done - t0) / 1_000_000, count);
        }
        System.exit(0);
    }
}
