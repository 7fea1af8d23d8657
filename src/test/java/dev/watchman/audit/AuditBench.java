package dev.watchman.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;

/**
 * Throughput of a secret scan over a tree: {@code AuditBench <root> [runs]}. Single thread, like
 * an audit; prints files/s and MB/s per run plus findings per rule (ids and counts only).
 */
public final class AuditBench {
    private AuditBench() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        SecretScanner scanner = SecretScanner.builder("bench-salt".getBytes(StandardCharsets.UTF_8)).build();
        for (int run = 1; run <= runs; run++) {
            long[] files = {0};
            long[] bytes = {0};
            Map<String, Integer> byRule = new TreeMap<>();
            Map<FileScan.Status, Integer> byStatus = new TreeMap<>();
            long t0 = System.nanoTime();
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile()) {
                        FileScan scan = scanner.scanFile(file);
                        files[0]++;
                        bytes[0] += attrs.size();
                        byStatus.merge(scan.status(), 1, Integer::sum);
                        scan.findings().forEach(f -> byRule.merge(f.ruleId(), 1, Integer::sum));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("run %d: %d files, %.1f MB in %.2f s = %.0f files/s, %.1f MB/s; status %s; findings %s%n",
                    run, files[0], bytes[0] / 1e6, s, files[0] / s, bytes[0] / 1e6 / s, byStatus, byRule);
        }
    }
}
