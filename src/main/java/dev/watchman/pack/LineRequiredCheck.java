package dev.watchman.pack;

import com.google.re2j.Pattern;

/** {@code line_required}: some line of the file matches the pattern. */
final class LineRequiredCheck extends ContentRequiredCheck {
    static final LineRequiredCheck INSTANCE = new LineRequiredCheck();

    @Override
    public String expected(PackRule rule, PackTarget host) {
        return "line matching " + rule.pattern();
    }

    @Override
    boolean satisfied(Pattern p, String text) {
        return !ContentLines.matching(p, text, 1).isEmpty();
    }

    @Override
    String shortfall() {
        return "line missing";
    }
}
