package dev.watchman.pack;

import java.util.List;

/** {@code file_required}: the path, or at least one match of its glob, exists. */
final class FileRequiredCheck implements RuleCheck {
    static final FileRequiredCheck INSTANCE = new FileRequiredCheck();

    @Override
    public String expected(PackRule rule, PackTarget host) {
        return "exists";
    }

    @Override
    public void check(PackRule rule, List<String> paths, boolean exact, PackTarget host, List<Mismatch> out) {
        if (paths.stream().noneMatch(p -> host.facts(p, exact).exists())) {
            out.add(new Mismatch(rule.path(), rule.id(), expected(rule, host), "missing"));
        }
    }
}
