package dev.watchman.pack;

import java.util.List;

/** {@code file_forbidden}: nothing exists at the path or at any match of its glob. */
final class FileForbiddenCheck implements RuleCheck {
    static final FileForbiddenCheck INSTANCE = new FileForbiddenCheck();

    @Override
    public String expected(PackRule rule, PackTarget host) {
        return "absent";
    }

    @Override
    public void check(PackRule rule, List<String> paths, boolean exact, PackTarget host, List<Mismatch> out) {
        paths.stream().filter(p -> host.facts(p, exact).exists())
                .forEach(p -> out.add(new Mismatch(p, rule.id(), expected(rule, host), "present")));
    }
}
