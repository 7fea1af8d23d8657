package dev.watchman.pack;

import com.google.re2j.Pattern;
import java.util.List;

/**
 * The shape of line_forbidden and regex_forbidden: must hold for every file; a missing file
 * cannot contain anything, so it passes; an unreadable one is reported.
 */
abstract class ContentForbiddenCheck implements RuleCheck {

    /** Where the forbidden content is, as {@link Mismatch#actual()} (never the content); null if absent. */
    abstract String violation(Pattern p, String text);

    @Override
    public final void check(PackRule rule, List<String> paths, boolean exact, PackTarget host, List<Mismatch> out) {
        String expected = expected(rule, host);
        for (String path : paths) {
            PackTarget.Content c = host.content(path);
            if (c.missing()) {
                continue;
            }
            if (c.error() != null) {
                out.add(new Mismatch(path, rule.id(), expected, c.error()));
                continue;
            }
            String actual = violation(Pattern.compile(rule.pattern()), c.text());
            if (actual != null) {
                out.add(new Mismatch(path, rule.id(), expected, actual));
            }
        }
    }
}
