package dev.watchman.snapshot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Times {@link Scanner} on a tree: a cold pass (every file hashed) and an incremental pass (the
 * cold result as prior, so only lstat) for each thread count, median of N runs after one warm-up
 * of each. The page cache is warm, as in {@code /work/shared/bench/RESULTS.md}.
 *
 * <pre>java -cp … dev.watchman.snapshot.ScanBench ROOT [RUNS] [THREADS…]</pre>
 */
public final class ScanBench {

    private ScanBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: ScanBench ROOT [RUNS] [THREADS...]");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<Integer> threads = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            threads.add(Integer.parseInt(args[i]));
        }
        if (threads.isEmpty()) {
            threads = List.of(1, 2);
        }
        Scanner scanner = new Scanner();
        for (int t : threads) {
            ScanOptions cold = ScanOptions.defaults().withThreads(t);
            ScanResult base = scanner.scan(root, cold);
            report("cold", t, root, scanner, cold, runs);
            // A prior scan that started now would treat every ctime as racy; the tree is older.
            ScanOptions incr = cold.withPrior(PriorLookup.of(base));
            report("incremental", t, root, scanner, incr, runs);
        }
    }

    private static void report(String label, int threads, Path root, Scanner scanner,
                               ScanOptions opts, int runs) {
        scanner.scan(root, opts);
        List<Double> secs = new ArrayList<>();
        ScanResult last = null;
        for (int i = 0; i < runs; i++) {
            last = scanner.scan(root, opts);
            secs.add(last.duration().toNanos() / 1e9);
        }
        Collections.sort(secs);
        double med = secs.get(secs.size() / 2);
        ScanResult.Totals t = last.totals();
        System.out.printf(Locale.ROOT,
                "%-11s threads=%d median %.3f s [%.3f-%.3f]  %,.0f files/s  %,.1f MB/s  "
                        + "(files=%d bytes=%d hashed=%d reused=%d entries=%d)%n",
                label, threads, med, secs.get(0), secs.get(secs.size() - 1), t.files() / med,
                t.bytes() / 1e6 / med, t.files(), t.bytes(), t.hashedFiles(), t.reused(),
                last.entries().size());
    }
}
