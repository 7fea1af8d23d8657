package dev.watchman.pack;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/** {@code regex_forbidden}: the pattern matches nowhere in the content; names the first match's line. */
final class RegexForbiddenCheck extends ContentForbiddenCheck {
    static final RegexForbiddenCheck INSTANCE = new RegexForbiddenCheck();

    @Override
    public String expected(PackRule rule, PackTarget host) {
        return "no content matching " + rule.pattern();
    }

    @Override
    String violation(Pattern p, String text) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            return null;
        }
        int line = 1;
        for (int i = 0; i < m.start(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return "content matches forbidden pattern at line " + line;
    }
}
