package dev.watchman.pack;

import java.util.List;

/** The outcome of evaluating one pack against one host. */
public record PackResult(String pack, String version, boolean compliant, List<Mismatch> mismatches) {

    public PackResult {
        mismatches = List.copyOf(mismatches);
    }
}
