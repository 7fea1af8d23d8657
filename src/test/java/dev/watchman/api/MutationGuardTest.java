package dev.watchman.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The CSRF guard on its own, and wired into a real {@link ApiServer} on loopback. */
class MutationGuardTest {
    private final MutationGuard guard = new MutationGuard("127.0.0.1", 7480);

    private Optional<Integer> status(String method, String origin, String site, String type) {
        return guard.check(method, "/api/changes", origin, site, type).map(MutationGuard.Refusal::status);
    }

    @Test
    void foreignOriginsAreRefusedOnEveryMutatingMethod() {
        for (String m : new String[] {"POST", "PUT", "PATCH", "DELETE", "post"}) {
            assertEquals(Optional.of(403), status(m, "http://evil.example", null, "application/json"), m);
        }
        assertEquals(Optional.of(403), status("POST", "null", null, "application/json"), "sandboxed page");
        assertEquals(Optional.of(403), status("POST", "http://127.0.0.1:8000", null, "application/json"), "other port");
        assertEquals(Optional.of(403), status("POST", "https://127.0.0.1:7480", null, "application/json"), "other scheme");
        assertEquals(Optional.of(403), status("POST", null, "cross-site", "application/json"));
        assertEquals(Optional.of(403), status("POST", null, "same-site", "application/json"));
        // Origin wins over the body check: a foreign text/plain post is a 403, not a 415.
        assertEquals(Optional.of(403), status("POST", "http://evil.example", null, "text/plain"));
    }

    @Test
    void ownOriginsAndNoOriginPass() {
        for (String o : new String[] {"http://127.0.0.1:7480", "http://localhost:7480", "http://[::1]:7480",
                "HTTP://LOCALHOST:7480", null}) {
            assertEquals(Optional.empty(), status("POST", o, null, "application/json"), String.valueOf(o));
        }
        assertEquals(Optional.empty(), status("POST", "http://localhost:7480", "same-origin", "application/json"));
        assertEquals(Optional.empty(), status("POST", null, "none", "application/json"));
        assertTrue(MutationGuard.ownOrigins("192.168.1.5", 9000).contains("http://192.168.1.5:9000"));
        assertTrue(MutationGuard.ownOrigins("fe80::1", 9000).contains("http://[fe80::1]:9000"));
        assertEquals(3, MutationGuard.ownOrigins("0.0.0.0", 9000).size(), "a wildcard bind is no origin");
    }

    @Test
    void onlyJsonBodiesPass() {
        assertEquals(Optional.of(415), status("POST", null, null, "text/plain"));
        assertEquals(Optional.of(415), status("POST", null, null, "application/x-www-form-urlencoded"));
        assertEquals(Optional.of(415), status("PUT", null, null, "multipart/form-data; boundary=x"));
        assertEquals(Optional.of(415), status("POST", null, null, "application/jsonp"));
        assertEquals(Optional.of(415), status("DELETE", null, null, null));
        assertEquals(Optional.empty(), status("POST", null, null, "application/json; charset=utf-8"));
        assertEquals(Optional.empty(), status("POST", null, null, "Application/JSON"));
    }

    @Test
    void readsAreLeftAlone() {
        assertEquals(Optional.empty(), status("GET", "http://evil.example", "cross-site", "text/plain"));
        assertEquals(Optional.empty(), status("HEAD", "http://evil.example", null, null));
    }

    @Test
    void theServerRefusesBeforeTheRouteRuns() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        AtomicInteger calls = new AtomicInteger();
        String token = "t".repeat(43);
        try (ApiServer api = ApiServer.start("127.0.0.1", port, token,
                routes -> routes.post("/api/things", ctx -> Map.of("calls", calls.incrementAndGet())),
                v -> v instanceof Map<?, ?> m ? m.toString().replace('\n', ' ') : String.valueOf(v))) {
            HttpClient http = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + port + "/api/things");
            HttpResponse<String> foreign = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).header("Origin", "http://evil.example")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, foreign.statusCode(), foreign.body());
            assertTrue(foreign.body().contains("http://evil.example"), foreign.body());
            HttpResponse<String> plain = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(415, plain.statusCode(), plain.body());
            assertEquals(0, calls.get(), "a refused request never reaches the route");
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).header("Origin", "http://127.0.0.1:" + port)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode(), ok.body());
            assertEquals(1, calls.get());
        }
    }
}
