package dev.watchman.pack;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;

/** Line matching for the line_* rules: lines split at '\n', a trailing '\r' ignored. */
final class ContentLines {
    private ContentLines() {
    }

    /** 1-based numbers of the lines where {@code p} finds a match, at most {@code limit} of them. */
    static List<Integer> matching(Pattern p, String text, int limit) {
        List<Integer> hits = new ArrayList<>();
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (p.matcher(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line).find()) {
                hits.add(n);
                if (hits.size() >= limit) {
                    break;
                }
            }
        }
        return hits;
    }
}
