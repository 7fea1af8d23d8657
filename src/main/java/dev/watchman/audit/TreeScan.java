package dev.watchman.audit;

import dev.watchman.ExitCode;
import dev.watchman.Threads;
import dev.watchman.WatchmanException;
import dev.watchman.fs.Excludes;
import dev.watchman.fs.FileKind;
import dev.watchman.fs.FileStat;
import dev.watchman.fs.TreeWalker;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Secret scan of every regular file under a root, walked by {@link TreeWalker} as the snapshot
 * walks it (symlinks are not followed, excluded paths are pruned), on one thread per core: the scanner is immutable
 * and the work is per file. A file that cannot be read is listed, never counted as clean.
 */
final class TreeScan {
    private static final int CHUNK = 256;

    /**
     * Totals and findings; {@code unreadable} are display paths of files or directories not read,
     * {@code allowed} files skipped because every rule is allow-listed for them, {@code allowListed}
     * findings an allow-list entry suppressed in the files that were scanned.
     */
    record Result(List<Finding> findings, List<String> unreadable, long files, long scanned, long binary,
                  long tooLarge, long allowed, long allowListed, long bytes) {
    }

    private record Target(Path path, long size) {
    }

    private record Part(List<Finding> findings, List<String> unreadable, long scanned, long binary, long tooLarge,
                        long allowed, long allowListed, long bytes) {
    }

    private TreeScan() {
    }

    static Result scan(SecretScanner scanner, Path root, Excludes excludes) {
        List<Target> targets = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        walk(root, excludes, targets, unreadable);
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads, Threads.named("audit-scan"));
        List<Future<Part>> parts = new ArrayList<>();
        try {
            for (int i = 0; i < targets.size(); i += CHUNK) {
                List<Target> chunk = targets.subList(i, Math.min(targets.size(), i + CHUNK));
                parts.add(pool.submit(() -> scanChunk(scanner, chunk)));
            }
            List<Finding> findings = new ArrayList<>();
            long scanned = 0;
            long binary = 0;
            long tooLarge = 0;
            long allowed = 0;
            long allowListed = 0;
            long bytes = 0;
            for (Future<Part> f : parts) {
                Part p = f.get();
                findings.addAll(p.findings());
                unreadable.addAll(p.unreadable());
                scanned += p.scanned();
                binary += p.binary();
                tooLarge += p.tooLarge();
                allowed += p.allowed();
                allowListed += p.allowListed();
                bytes += p.bytes();
            }
            unreadable.sort(null);
            return new Result(List.copyOf(findings), List.copyOf(unreadable), targets.size(), scanned, binary,
                    tooLarge, allowed, allowListed, bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WatchmanException(ExitCode.IO, "secret scan of " + root + " interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(c);
        } finally {
            // Every part was collected or one failed: nothing left worth waiting for.
            pool.shutdownNow();
            Threads.stop(pool, java.time.Duration.ofSeconds(5));
        }
    }

    private static Part scanChunk(SecretScanner scanner, List<Target> chunk) {
        List<Finding> findings = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        long scanned = 0;
        long binary = 0;
        long tooLarge = 0;
        long allowed = 0;
        long allowListed = 0;
        long bytes = 0;
        for (Target t : chunk) {
            FileScan s;
            try {
                s = scanner.scanFile(t.path(), t.path().toString());
            } catch (NoSuchFileException e) {
                continue; // Deleted since the walk: nothing left to leak.
            } catch (IOException e) {
                unreadable.add(t.path().toString());
                continue;
            }
            switch (s.status()) {
                case SCANNED -> {
                    scanned++;
                    bytes += t.size();
                }
                case SKIPPED_BINARY -> binary++;
                case SKIPPED_TOO_LARGE -> tooLarge++;
                case SKIPPED_ALLOWED -> allowed++;
            }
            findings.addAll(s.findings());
            allowListed += s.allowListed();
        }
        return new Part(findings, unreadable, scanned, binary, tooLarge, allowed, allowListed, bytes);
    }

    private static void walk(Path root, Excludes excludes, List<Target> targets, List<String> unreadable) {
        try {
            TreeWalker.walk(root, excludes, new TreeWalker.Visitor() {
                @Override
                public void entry(Path path, String rel, FileStat stat) {
                    if (stat.kind() == FileKind.FILE) {
                        targets.add(new Target(path, stat.size()));
                    }
                }

                @Override
                public void unreadable(Path path, String rel, FileStat stat, IOException e) {
                    unreadable.add(path.toString());
                }
            });
        } catch (IOException e) {
            throw new WatchmanException(ExitCode.IO, root + ": cannot read the directory to audit: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        }
        targets.sort(Comparator.comparing(t -> t.path().toString()));
    }
}
