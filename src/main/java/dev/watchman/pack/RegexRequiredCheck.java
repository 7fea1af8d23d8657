package dev.watchman.pack;

import com.google.re2j.Pattern;

/** {@code regex_required}: the pattern matches somewhere in the content (it may span lines). */
final class RegexRequiredCheck extends ContentRequiredCheck {
    static final RegexRequiredCheck INSTANCE = new RegexRequiredCheck();

    @Override
    public String expected(PackRule rule, PackTarget host) {
        return "content matching " + rule.pattern();
    }

    @Override
    boolean satisfied(Pattern p, String text) {
        return p.matcher(text).find();
    }

    @Override
    String shortfall() {
        return "no match";
    }
}
