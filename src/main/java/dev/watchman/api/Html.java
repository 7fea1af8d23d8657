package dev.watchman.api;

/**
 * The pages' HTML: every value that came from a host (paths, rule ids, host names) is escaped,
 * since a file name is whatever a local user chose to call it. Pages carry no script at all and
 * a Content-Security-Policy that allows none ({@link #CSP}).
 */
final class Html {
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    private static final String STYLE = "body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#222}"
            + "table{border-collapse:collapse;margin-top:1rem}th,td{border:1px solid #ccc;padding:.3rem .6rem;"
            + "text-align:left;vertical-align:top}th{background:#f3f3f3}code{font-family:ui-monospace,monospace}"
            + ".bad{color:#a40000}.ok{color:#046b00}.muted{color:#666}";

    private Html() {
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(Character.isISOControl(c) && c != '\n' && c != '\t' ? '?' : c);
            }
        }
        return b.toString();
    }

    /** A whole page; {@code body} is HTML already escaped where it needs to be. */
    static String page(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + " — Watchman</title><style>" + STYLE + "</style></head><body>" + body + "</body></html>";
    }

    /** The sign-in form: paste the token from data_dir/api-token; {@code next} is where to go after. */
    static String login(String next, boolean wrong) {
        return page("Sign in", "<h1>Watchman</h1>"
                + (wrong ? "<p class=\"bad\">That is not the token.</p>" : "")
                + "<p>Paste the API token: the content of <code>data_dir/api-token</code> on the machine that runs"
                + " <code>watchman serve</code> (readable by its user and root).</p>"
                + "<form method=\"post\" action=\"/login\"><input type=\"hidden\" name=\"next\" value=\""
                + escape(next) + "\"><input type=\"password\" name=\"token\" size=\"50\" autocomplete=\"off\" autofocus>"
                + " <button type=\"submit\">Sign in</button></form>");
    }

    /** Where to go after signing in: a path on this server only, never another site. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.chars().anyMatch(ch -> ch < 0x20)) {
            return "/";
        }
        return next;
    }
}
