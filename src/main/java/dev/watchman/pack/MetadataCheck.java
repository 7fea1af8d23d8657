package dev.watchman.pack;

import java.util.List;

/**
 * The shape of the metadata rules (mode, max_permissions, owner): each path must exist and be
 * readable, then its facts must satisfy {@link #violation}.
 */
abstract class MetadataCheck implements RuleCheck {

    /** What is wrong with {@code f} (it exists), as {@link Mismatch#actual()}; null if nothing. */
    abstract String violation(PackRule rule, PackTarget.Facts f, PackTarget host);

    @Override
    public final void check(PackRule rule, List<String> paths, boolean exact, PackTarget host, List<Mismatch> out) {
        String expected = expected(rule, host);
        for (String path : paths) {
            PackTarget.Facts f = host.facts(path, exact);
            if (f.error() != null || !f.exists()) {
                out.add(new Mismatch(path, rule.id(), expected, f.error() != null ? f.error() : "missing"));
                continue;
            }
            String actual = violation(rule, f, host);
            if (actual != null) {
                out.add(new Mismatch(path, rule.id(), expected, actual));
            }
        }
    }
}
