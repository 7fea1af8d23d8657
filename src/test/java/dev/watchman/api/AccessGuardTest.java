package dev.watchman.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API answers only to the holder of data_dir/api-token, and on loopback only to its own Host. */
class AccessGuardTest {
    private static final String TOKEN = "k".repeat(43);

    private static Optional<Integer> status(String bind, String path, String host, String authorization) {
        return new AccessGuard(TOKEN, bind, 7480).check(path, host, authorization).map(MutationGuard.Refusal::status);
    }

    @Test
    void everyRouteButHealthNeedsTheToken() {
        assertEquals(Optional.of(401), status("127.0.0.1", "/api/status", "127.0.0.1:7480", null));
        assertEquals(Optional.of(401), status("127.0.0.1", "/api/status", "127.0.0.1:7480", "Bearer wrong"));
        assertEquals(Optional.of(401), status("127.0.0.1", "/api/status", "127.0.0.1:7480", TOKEN));
        assertEquals(Optional.empty(), status("127.0.0.1", "/api/status", "127.0.0.1:7480", "Bearer " + TOKEN));
        assertEquals(Optional.empty(), status("127.0.0.1", "/api/health", "localhost:7480", null));
    }

    @Test
    void onLoopbackARebindingHostIsRefusedEvenWithTheToken() {
        assertEquals(Optional.of(403), status("127.0.0.1", "/api/status", "evil.example:7480", "Bearer " + TOKEN));
        assertEquals(Optional.of(403), status("127.0.0.1", "/api/health", "evil.example:7480", null));
        assertEquals(Optional.of(403), status("127.0.0.1", "/api/status", "127.0.0.1:9999", "Bearer " + TOKEN));
        assertEquals(Optional.empty(), status("127.0.0.1", "/api/status", "[::1]:7480", "Bearer " + TOKEN));
        // A wildcard bind serves other machines under names we cannot know: the token alone decides.
        assertEquals(Optional.empty(), status("0.0.0.0", "/api/status", "watchman.example:7480", "Bearer " + TOKEN));
    }

    @Test
    void theTokenIsMadeOnceOwnerOnly(@TempDir Path dataDir) throws Exception {
        String first = AccessGuard.load(dataDir);
        assertEquals(first, AccessGuard.load(dataDir));
        assertTrue(first.length() >= 43, first.length() + " characters");
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dataDir.resolve(AccessGuard.FILE))));
    }

    /** Over a real socket: the route never runs for a request without the token or with a rebound Host. */
    @Test
    void theServerRefusesBeforeTheRouteRuns() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        AtomicInteger calls = new AtomicInteger();
        try (ApiServer api = ApiServer.start("127.0.0.1", port, TOKEN,
                routes -> routes.get("/api/secret", ctx -> Map.of("calls", calls.incrementAndGet())), String::valueOf)) {
            assertTrue(get(port, "127.0.0.1:" + port, null).startsWith("HTTP/1.1 401"));
            assertTrue(get(port, "evil.example:" + port, TOKEN).startsWith("HTTP/1.1 403"));
            assertEquals(0, calls.get());
            assertTrue(get(port, "127.0.0.1:" + port, TOKEN).startsWith("HTTP/1.1 200"));
            assertEquals(1, calls.get());
        }
    }

    /** A raw request, so the Host header is exactly what a rebinding page's browser would send. */
    private static String get(int port, String host, String token) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            String req = "GET /api/secret HTTP/1.1\r\nHost: " + host + "\r\n"
                    + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "Connection: close\r\n\r\n";
            s.getOutputStream().write(req.getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
