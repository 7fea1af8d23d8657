package dev.watchman.pack;

import com.google.re2j.Pattern;
import java.util.List;

/** {@code line_forbidden}: no line of the file matches the pattern; names every matching line. */
final class LineForbiddenCheck extends ContentForbiddenCheck {
    static final LineForbiddenCheck INSTANCE = new LineForbiddenCheck();

    @Override
    public String expected(PackRule rule, PackTarget host) {
        return "no line matching " + rule.pattern();
    }

    @Override
    String violation(Pattern p, String text) {
        List<Integer> hits = ContentLines.matching(p, text, Integer.MAX_VALUE);
        if (hits.isEmpty()) {
            return null;
        }
        String nums = hits.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElseThrow();
        return hits.size() == 1 ? "line " + nums + " matches forbidden pattern"
                : "lines " + nums + " match forbidden pattern";
    }
}
