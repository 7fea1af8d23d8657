package dev.watchman.pack;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape of line_required and regex_required: satisfied by any one matching file, so a
 * shortfall belongs to the rule's path (the glob), not to a file; unreadable files are reported
 * only when no file satisfied the rule.
 */
abstract class ContentRequiredCheck implements RuleCheck {

    abstract boolean satisfied(Pattern p, String text);

    /** {@link Mismatch#actual()} when files were read and none satisfied the rule. */
    abstract String shortfall();

    @Override
    public final void check(PackRule rule, List<String> paths, boolean exact, PackTarget host, List<Mismatch> out) {
        Pattern p = Pattern.compile(rule.pattern());
        String expected = expected(rule, host);
        boolean anyFile = false;
        List<Mismatch> problems = new ArrayList<>();
        for (String path : paths) {
            PackTarget.Content c = host.content(path);
            if (c.missing()) {
                continue;
            }
            anyFile = true;
            if (c.error() != null) {
                problems.add(new Mismatch(path, rule.id(), expected, c.error()));
                continue;
            }
            if (satisfied(p, c.text())) {
                return;
            }
        }
        if (!anyFile) {
            out.add(new Mismatch(rule.path(), rule.id(), expected, "file missing"));
        } else if (!problems.isEmpty()) {
            out.addAll(problems);
        } else {
            out.add(new Mismatch(rule.path(), rule.id(), expected, shortfall()));
        }
    }
}
