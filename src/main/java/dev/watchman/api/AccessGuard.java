package dev.watchman.api;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import dev.watchman.fs.PrivateFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Who may use the API. Loopback is reachable by every user of the machine and, through DNS
 * rebinding, by any web page, so every route but {@code /api/health} needs
 * {@code Authorization: Bearer <token>}, the token being the content of {@code data_dir/api-token}
 * (32 random bytes, mode 0600, made on first start): whoever may read that file — the user that
 * runs serve, and root — may use the API. On a loopback bind the {@code Host} header must name
 * this API too, so a rebound name is refused before anything else is looked at.
 */
final class AccessGuard {
    static final String FILE = "api-token";
    static final String OPEN = "/api/health";
    /** The sign-in page: the one page reachable without the token. */
    static final String LOGIN = "/login";
    /**
     * The cookie a browser holds after signing in at {@link #LOGIN}: HttpOnly (no script reads it),
     * SameSite=Lax (sent when following a link from Slack, never on a cross-site POST). It only
     * opens GET pages, never the JSON API, so a cross-site request can at most make the browser
     * fetch a page the attacker cannot read.
     */
    static final String COOKIE = "watchman_session";

    private final byte[] token;
    private final Set<String> ownHosts;

    AccessGuard(String token, String bind, int port) {
        this.token = token.getBytes(StandardCharsets.US_ASCII);
        this.ownHosts = loopback(bind) ? Set.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port) : null;
    }

    /** The token in {@code dataDir}, created on first use. */
    static String load(Path dataDir) {
        try {
            return PrivateFile.token(dataDir.resolve(FILE), 32);
        } catch (PrivateFile.Failure e) {
            throw new WatchmanException(ExitCode.IO, "cannot read or create the API token: " + e.getMessage(), e);
        }
    }

    /** As {@link #check(String, String, String, String, String)} for an API call (no cookie). */
    Optional<MutationGuard.Refusal> check(String path, String host, String authorization) {
        return check("GET", path, host, authorization, null);
    }

    /** A page is anything outside {@code /api/}: HTML for a person in a browser. */
    static boolean isPage(String path) {
        return !path.startsWith("/api/") && !path.equals("/api");
    }

    /** Whether {@code given} is the token, in constant time. */
    boolean matches(String given) {
        return given != null && MessageDigest.isEqual(token, given.strip().getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Empty when the request may go on; else why not (401 without the token, 403 for a foreign
     * Host). A GET of a page may carry the token in the {@link #COOKIE} instead of the header.
     */
    Optional<MutationGuard.Refusal> check(String method, String path, String host, String authorization,
                                          String sessionCookie) {
        if (ownHosts != null && (host == null || !ownHosts.contains(host.strip().toLowerCase(Locale.ROOT)))) {
            return Optional.of(new MutationGuard.Refusal(403, ExitCode.REFUSED, path + ": refused Host '" + host
                    + "': this API answers to 127.0.0.1, localhost and [::1] on its own port only"));
        }
        if (path.equals(OPEN) || path.equals(LOGIN)) {
            return Optional.empty();
        }
        boolean safe = method.equalsIgnoreCase("GET") || method.equalsIgnoreCase("HEAD");
        if (safe && isPage(path) && matches(sessionCookie)) {
            return Optional.empty();
        }
        String prefix = "Bearer ";
        byte[] given = authorization != null && authorization.startsWith(prefix)
                ? authorization.substring(prefix.length()).strip().getBytes(StandardCharsets.US_ASCII) : new byte[0];
        if (!MessageDigest.isEqual(token, given)) {
            return Optional.of(new MutationGuard.Refusal(401, ExitCode.REFUSED, path + ": "
                    + (authorization == null ? "no" : "wrong") + " API token; send 'Authorization: Bearer <token>' "
                    + "with the token in data_dir/" + FILE + " (readable by the user that runs serve)"));
        }
        return Optional.empty();
    }

    private static boolean loopback(String bind) {
        String b = bind.strip().toLowerCase(Locale.ROOT);
        return b.equals("127.0.0.1") || b.equals("localhost") || b.equals("::1") || b.equals("[::1]");
    }
}
