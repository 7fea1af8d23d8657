package dev.watchman.pack;

import dev.watchman.PathArgs;
import dev.watchman.config.Config;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a pack against a live filesystem, one {@link RuleCheck} per rule type. Every pack path
 * is resolved under {@code fsRoot} ({@code /} in production, a fixture tree in tests). Per-file
 * problems (missing, unreadable) are mismatches, never exceptions: an audit must report what it
 * could not verify.
 *
 * <p>Globs: a required rule (file_required, line_required, regex_required) passes if any matching
 * file satisfies it; every other rule must hold for every matching file, and a glob that matches
 * nothing is vacuously satisfied. An exact path that does not exist fails every rule except
 * file_forbidden and the *_forbidden content rules.
 */
public final class PackEvaluator {
    /** Content rules read at most this much unless told otherwise: the same cap as the secret scan. */
    static final long MAX_CONTENT_BYTES = Config.Audit.DEFAULT_MAX_FILE_BYTES;

    private PackEvaluator() {
    }

    public static PackResult evaluate(Pack pack, Path fsRoot) {
        return evaluate(pack, fsRoot, Map.of());
    }

    /**
     * @param recorded facts from the graph keyed by host path; they answer exact-path metadata
     *                 rules (existence, sha256, mode, owner). Globs, trees and content rules always
     *                 read the filesystem.
     */
    public static PackResult evaluate(Pack pack, Path fsRoot, Map<String, FileFacts> recorded) {
        return evaluate(pack, fsRoot, recorded, MAX_CONTENT_BYTES);
    }

    /** @param maxContentBytes content rules do not read files larger than this ({@code [audit] max_file_bytes}) */
    public static PackResult evaluate(Pack pack, Path fsRoot, Map<String, FileFacts> recorded, long maxContentBytes) {
        if (maxContentBytes <= 0 || maxContentBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("content size cap out of range: " + maxContentBytes);
        }
        PathArgs.directory(fsRoot, "pack evaluation root");
        PackTarget host = new PackTarget(fsRoot, recorded, maxContentBytes);
        List<Mismatch> out = new ArrayList<>();
        for (PackRule rule : pack.rules()) {
            RuleCheck check = RuleCheck.of(rule.type());
            if (rule.type() == RuleType.TREE) {
                check.check(rule, List.of(), false, host, out);
            } else if (PackLoader.isGlob(rule.path())) {
                check.check(rule, host.expand(rule, check.expected(rule, host), out), false, host, out);
            } else {
                check.check(rule, List.of(rule.path()), true, host, out);
            }
        }
        return new PackResult(pack.name(), pack.version(), out.isEmpty(), out);
    }

    /** Each pack on its own: one result per pack, in the given order. */
    public static List<PackResult> evaluateAll(List<Pack> packs, Path fsRoot, Map<String, FileFacts> recorded) {
        return packs.stream().map(p -> evaluate(p, fsRoot, recorded)).toList();
    }
}
