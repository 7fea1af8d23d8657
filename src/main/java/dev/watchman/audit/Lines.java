package dev.watchman.audit;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * A text split into lines once, with an ASCII-lower-cased twin of the same length. Rules name cheap
 * keywords; only lines containing one are handed to the (slower) regex, which keeps an audit of a
 * large tree close to I/O speed.
 */
final class Lines {
    private final String text;
    private final String lower;
    private final int[] starts;
    private final int count;

    Lines(String text) {
        this.text = text;
        char[] low = text.toCharArray();
        int n = 1;
        for (int i = 0; i < low.length; i++) {
            char c = low[i];
            if (c >= 'A' && c <= 'Z') {
                low[i] = (char) (c + 32);
            } else if (c == '\n') {
                n++;
            }
        }
        this.lower = new String(low);
        int[] s = new int[n];
        int k = 1;
        for (int i = 0; i < low.length; i++) {
            if (low[i] == '\n') {
                s[k++] = i + 1;
            }
        }
        this.starts = s;
        // A trailing newline does not start another line.
        this.count = (n > 1 && s[n - 1] == text.length()) ? n - 1 : n;
    }

    int count() {
        return count;
    }

    String line(int i) {
        int end = i + 1 < starts.length ? starts[i + 1] - 1 : text.length();
        if (end > starts[i] && text.charAt(end - 1) == '\r') {
            end--;
        }
        return text.substring(starts[i], Math.max(starts[i], end));
    }

    /** Lines containing any of the lower-case keywords; all lines when there are none. */
    BitSet linesContaining(List<String> keywords) {
        BitSet bits = new BitSet(count);
        if (keywords.isEmpty()) {
            bits.set(0, count);
            return bits;
        }
        for (String kw : keywords) {
            int idx = lower.indexOf(kw);
            while (idx >= 0) {
                int line = lineOf(idx);
                bits.set(line);
                int next = line + 1 < starts.length ? starts[line + 1] : lower.length();
                idx = lower.indexOf(kw, next);
            }
        }
        return bits;
    }

    private int lineOf(int offset) {
        int i = Arrays.binarySearch(starts, offset);
        return i >= 0 ? i : -i - 2;
    }

    /** Whole-line comments in the syntaxes config files use. */
    private java.util.BitSet blockComment;

    /** True if line {@code i} starts inside a {@code <!-- -->} or {@code /* *}{@code /} block. */
    boolean inBlockComment(int i) {
        if (blockComment == null) {
            blockComment = blockComments();
        }
        return blockComment.get(i);
    }

    private java.util.BitSet blockComments() {
        java.util.BitSet b = new java.util.BitSet(count);
        String close = null;
        for (int i = 0; i < count; i++) {
            String l = line(i);
            int pos = 0;
            boolean open = close != null;
            if (open) {
                b.set(i);
            }
            while (pos <= l.length()) {
                if (close == null) {
                    int x = l.indexOf("<!--", pos);
                    int c = l.indexOf("/*", pos);
                    int first = x < 0 ? c : c < 0 ? x : Math.min(x, c);
                    if (first < 0) {
                        break;
                    }
                    close = first == x ? "-->" : "*/";
                    pos = first + (first == x ? 4 : 2);
                } else {
                    int e = l.indexOf(close, pos);
                    if (e < 0) {
                        break;
                    }
                    pos = e + close.length();
                    close = null;
                }
            }
        }
        return b;
    }

    static boolean isComment(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        if (i == line.length()) {
            return false;
        }
        char c = line.charAt(i);
        return c == '#' || c == ';' || c == '*' || line.startsWith("//", i) || line.startsWith("--", i)
                || line.startsWith("/*", i) || line.startsWith("<!--", i) || line.regionMatches(true, i, "rem ", 0, 4);
    }
}
