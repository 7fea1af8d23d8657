package dev.watchman.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end against the shared benchmark generator: the drift between a scan before and an
 * incremental scan after {@code mutate-tree.py} must be exactly its manifest, including the
 * "stealth" edits that keep size and mtime.
 */
class ExactnessTest {

    private static final Path BENCH = SnapshotIT.locateBench();

    @TempDir
    Path tmp;

    @Test
    void driftMatchesTheMutationManifestExactly() throws Exception {
        Path root = tmp.resolve("tree");
        Path manifest = tmp.resolve("mutations.tsv");
        ScanFixtures.run(List.of("python3", BENCH.resolve("gen-tree.py").toString(), "--root",
                root.toString(), "--files", "2000", "--dirs", "30", "--depth", "3"));
        ScanFixtures.pastRacyWindow();
        Scanner scanner = new Scanner();

        ScanResult before = scanner.scan(root, ScanFixtures.opts());
        assertEquals(2000, before.totals().files());
        ScanFixtures.run(List.of("python3", BENCH.resolve("mutate-tree.py").toString(), "--root",
                root.toString(), "--manifest", manifest.toString()));
        ScanResult after = scanner.scan(root, ScanFixtures.opts().withPrior(PriorLookup.of(before)));

        List<String> modified = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> added = new ArrayList<>();
        for (String line : Files.readAllLines(manifest)) {
            String[] f = line.split("\t", 3);
            switch (f[0]) {
                case "M" -> modified.add(f[2]);
                case "D" -> removed.add(f[2]);
                case "A" -> added.add(f[2]);
                default -> throw new AssertionError("unexpected manifest line " + line);
            }
        }
        assertEquals(20, modified.size(), "precondition: 1% of 2000 modified");

        Drift drift = DriftCalculator.between(before, after);

        assertEquals(added, drift.added());
        assertEquals(removed, drift.removed());
        assertEquals(modified, drift.modified().stream().map(Drift.Modified::path).toList());
        for (Drift.Modified m : drift.modified()) {
            assertTrue(m.changed().contains("content"), m.toString());
        }
        // Only the mutated and added files were read; everything else came from the cache.
        assertEquals(modified.size() + added.size(), after.totals().hashedFiles());
        assertEquals(2000 - modified.size() - removed.size(), after.totals().reused());
        assertEquals(scanner.scan(root, ScanFixtures.opts().withThreads(1)).entries(), after.entries());
    }
}
