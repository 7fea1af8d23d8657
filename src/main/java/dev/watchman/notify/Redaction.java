package dev.watchman.notify;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Keeps the webhook URL out of everything Watchman writes down. The URL is the secret (whoever has
 * it can post to the channel), and the JDK's HTTP errors may quote it: every error and body that
 * reaches a log line or {@code lastError} goes through {@link #clean}.
 */
final class Redaction {
    static final String MASK = "***";
    private static final int LIMIT = 300;

    private Redaction() {
    }

    /** {@code text} on one line, at most {@value #LIMIT} characters, with the URL and its parts masked. */
    static String clean(String text, String url) {
        if (text == null) {
            return null;
        }
        String s = text.replace('\r', ' ').replace('\n', ' ').strip();
        if (url != null) {
            for (String secret : secrets(url)) {
                s = s.replace(secret, MASK);
            }
        }
        return s.length() > LIMIT ? s.substring(0, LIMIT - 1) + "…" : s;
    }

    /** The URL, its path and query (raw and decoded), and each longer path segment (Slack's token is the last). */
    private static Set<String> secrets(String url) {
        Set<String> out = new LinkedHashSet<>();
        out.add(url);
        try {
            URI u = new URI(url);
            add(out, u.getRawPath());
            add(out, u.getPath());
            add(out, u.getRawQuery());
            add(out, u.getQuery());
            if (u.getRawPath() != null) {
                for (String segment : u.getRawPath().split("/")) {
                    if (segment.length() >= 6 && !segment.equals("services")) {
                        out.add(segment);
                    }
                }
            }
        } catch (java.net.URISyntaxException e) {
            // The config checked it parses; if not, the whole string is still masked.
        }
        return out;
    }

    private static void add(Set<String> out, String part) {
        if (part != null && part.length() > 1) {
            out.add(part);
        }
    }
}
