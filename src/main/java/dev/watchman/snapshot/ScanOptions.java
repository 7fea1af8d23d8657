package dev.watchman.snapshot;

import java.util.List;

/**
 * How to scan. Build from {@link #defaults()} with the {@code with…} methods.
 *
 * @param excludes   globs, see {@link dev.watchman.fs.Excludes}
 * @param fullRehash read every file even when the prior entry says it is unchanged
 * @param prior      hashes of an earlier scan; {@link PriorLookup#NONE} for a cold scan
 * @param threads    hashing/walking threads, at least 1
 * @param progress   progress samples; {@link ProgressListener#NONE} for none
 */
public record ScanOptions(List<String> excludes, boolean fullRehash, PriorLookup prior,
                          int threads, ProgressListener progress) {

    public ScanOptions {
        excludes = List.copyOf(excludes);
        if (prior == null) {
            prior = PriorLookup.NONE;
        }
        if (progress == null) {
            progress = ProgressListener.NONE;
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    public static ScanOptions defaults() {
        return new ScanOptions(List.of(), false, PriorLookup.NONE,
                Runtime.getRuntime().availableProcessors(), ProgressListener.NONE);
    }

    public ScanOptions withExcludes(List<String> globs) {
        return new ScanOptions(globs, fullRehash, prior, threads, progress);
    }

    public ScanOptions withFullRehash(boolean full) {
        return new ScanOptions(excludes, full, prior, threads, progress);
    }

    public ScanOptions withPrior(PriorLookup lookup) {
        return new ScanOptions(excludes, fullRehash, lookup, threads, progress);
    }

    public ScanOptions withThreads(int n) {
        return new ScanOptions(excludes, fullRehash, prior, n, progress);
    }

    public ScanOptions withProgress(ProgressListener listener) {
        return new ScanOptions(excludes, fullRehash, prior, threads, listener);
    }
}
