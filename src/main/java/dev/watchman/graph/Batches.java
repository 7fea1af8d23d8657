package dev.watchman.graph;

import java.util.ArrayList;
import java.util.List;

/** How many rows go into one write: the one batch size, for every batched statement. */
public final class Batches {
    /**
     * Rows per statement (and per transaction where each batch commits on its own): large enough
     * to amortise a round trip, small enough for any heap. 5,000 beat 1,000 and 20,000 for a
     * first snapshot (BENCHMARKS.md).
     */
    public static final int SIZE = 5_000;

    private Batches() {
    }

    /** Consecutive views of at most {@link #SIZE} rows; none for an empty list. */
    public static <T> List<List<T>> split(List<T> rows) {
        List<List<T>> out = new ArrayList<>(rows.size() / SIZE + 1);
        for (int i = 0; i < rows.size(); i += SIZE) {
            out.add(rows.subList(i, Math.min(rows.size(), i + SIZE)));
        }
        return out;
    }
}
