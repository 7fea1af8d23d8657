package dev.watchman.snapshot;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Where {@link Scanner} looks up a file's previous hash so unchanged files are not re-read. */
@FunctionalInterface
public interface PriorLookup {

    PriorLookup NONE = path -> null;

    /** The prior state of {@code path} (an encoded relative path), or null if unknown. */
    PriorEntry find(String path);

    /** How many files the prior scan saw, for progress ETA; -1 if unknown. */
    default long expectedFiles() {
        return -1;
    }

    /** Reuse the hashes of an earlier scan of the same root. */
    static PriorLookup of(ScanResult prior) {
        return of(prior.entries(), prior.startedAt());
    }

    /**
     * Reuse the hashes of entries recorded by a scan that started at {@code scanStartedAt}
     * (for example loaded back from the graph); see {@link PriorEntry#of} for what is skipped.
     */
    static PriorLookup of(Iterable<ScannedEntry> entries, Instant scanStartedAt) {
        Map<String, PriorEntry> map = new HashMap<>();
        long files = 0;
        for (ScannedEntry e : entries) {
            if (e.kind() == ScannedEntry.Kind.FILE) {
                files++;
            }
            PriorEntry p = PriorEntry.of(e, scanStartedAt);
            if (p != null) {
                map.put(e.path(), p);
            }
        }
        return wrap(map, files);
    }

    /** Reuse ready-made cache entries keyed by encoded relative path. */
    static PriorLookup of(Map<String, PriorEntry> entries, long expectedFiles) {
        return wrap(Map.copyOf(entries), expectedFiles);
    }

    /** No defensive copy: for maps built here and never shared (100k entries cost a copy's time). */
    private static PriorLookup wrap(Map<String, PriorEntry> copy, long expectedFiles) {
        return new PriorLookup() {
            @Override
            public PriorEntry find(String path) {
                return copy.get(path);
            }

            @Override
            public long expectedFiles() {
                return expectedFiles;
            }
        };
    }
}
