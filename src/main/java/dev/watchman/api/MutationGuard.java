package dev.watchman.api;

import dev.watchman.ExitCode;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The one check every mutating request passes before its route runs: the API binds to loopback, so
 * any web page the user opens can reach it. A page can send a "simple" cross-site POST (text/plain,
 * a form) without a CORS preflight, so we refuse a foreign {@code Origin} (or
 * {@code Sec-Fetch-Site} other than same-origin/none) with 403 and any body that is not
 * {@code application/json} with 415. Requests without an Origin (curl, scripts) are not browsers
 * acting for a page and pass the origin check.
 */
final class MutationGuard {
    /** Methods that do not change anything; everything else (POST, PUT, PATCH, DELETE, ...) is guarded. */
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    /** Sec-Fetch-Site values of a request our own page (or the user, typing a URL) made. */
    private static final Set<String> OWN_SITES = Set.of("same-origin", "none");

    private final Set<String> ownOrigins;

    /** Why a request is refused: the HTTP status, the exit code a CLI would give, a one-line message. */
    record Refusal(int status, int exitCode, String message) {
    }

    MutationGuard(String bind, int port) {
        this.ownOrigins = ownOrigins(bind, port);
    }

    /** The origins a browser shows for a page served by this API: loopback names and the bind address. */
    static Set<String> ownOrigins(String bind, int port) {
        Set<String> origins = new java.util.TreeSet<>();
        origins.add("http://127.0.0.1:" + port);
        origins.add("http://localhost:" + port);
        origins.add("http://[::1]:" + port);
        String host = bind.strip().toLowerCase(Locale.ROOT);
        // A wildcard bind is no page's origin; any other address is.
        if (!host.isEmpty() && !host.equals("0.0.0.0") && !host.equals("::") && !host.equals("[::]")) {
            boolean v6 = host.contains(":") && !host.startsWith("[");
            origins.add("http://" + (v6 ? "[" + host + "]" : host) + ":" + port);
        }
        return Set.copyOf(origins);
    }

    /** Empty when the request may go on; header values may be null when absent. */
    Optional<Refusal> check(String method, String path, String origin, String secFetchSite, String contentType) {
        if (SAFE.contains(method.toUpperCase(Locale.ROOT))) {
            return Optional.empty();
        }
        String what = method.toUpperCase(Locale.ROOT) + " " + path;
        if (origin != null && !ownOrigins.contains(origin.strip().toLowerCase(Locale.ROOT))) {
            return Optional.of(new Refusal(403, ExitCode.REFUSED, what + ": refused a request from origin '"
                    + oneLine(origin) + "': mutating routes only take requests from the API's own origin"
                    + " or without an Origin (curl, scripts)"));
        }
        if (secFetchSite != null && !OWN_SITES.contains(secFetchSite.strip().toLowerCase(Locale.ROOT))) {
            return Optional.of(new Refusal(403, ExitCode.REFUSED, what + ": refused a " + oneLine(secFetchSite)
                    + " request (Sec-Fetch-Site): mutating routes only take requests from the API's own origin"));
        }
        if (path.equals(AccessGuard.LOGIN) && isForm(contentType)) {
            // The sign-in form: a browser posts it as a form; the origin checks above still hold.
            return Optional.empty();
        }
        if (!isJson(contentType)) {
            return Optional.of(new Refusal(415, ExitCode.USAGE, what + ": Content-Type "
                    + (contentType == null ? "missing" : "'" + oneLine(contentType) + "'")
                    + " refused: mutating routes take application/json only"));
        }
        return Optional.empty();
    }

    static boolean isJson(String contentType) {
        return isType(contentType, "application/json");
    }

    static boolean isForm(String contentType) {
        return isType(contentType, "application/x-www-form-urlencoded");
    }

    /** Whether {@code contentType}'s media type, parameters ({@code ; charset=…}) aside, is {@code type}. */
    private static boolean isType(String contentType, String type) {
        if (contentType == null) {
            return false;
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().equalsIgnoreCase(type);
    }

    /** Header values go back into our error; keep them short and on one line. */
    private static String oneLine(String s) {
        String flat = s.replaceAll("[\\p{Cntrl}]", "?");
        return flat.length() > 100 ? flat.substring(0, 100) + "..." : flat;
    }
}
