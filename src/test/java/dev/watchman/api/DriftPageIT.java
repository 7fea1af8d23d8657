package dev.watchman.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.watchman.Json;
import dev.watchman.alert.AlertFixture;
import dev.watchman.alert.DriftView;
import dev.watchman.graph.TestGraph;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alert's diffUrl as a person meets it: the sign-in form, then the mismatches and when the pack last passed. */
class DriftPageIT {
    private static final String TOKEN = "k".repeat(43);

    @TempDir
    Path dir;
    AlertFixture f;
    ApiServer server;
    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    String base;

    @BeforeEach
    void setUp() throws IOException {
        TestGraph.fresh();
        f = new AlertFixture(dir, "");
        f.assign("app-good");
        f.check();
        f.breakMode();
        f.check();
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        // A fixed port: the Host check compares against the configured one.
        server = ApiServer.start("127.0.0.1", port, TOKEN, routes -> new DriftPageResource(f.app).register(routes),
                Json::write);
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void tearDown() {
        server.close();
        f.close();
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> login(String form, String origin) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theLinkAsksForTheTokenThenShowsTheMismatchesAndWhenThePackLastPassed() throws Exception {
        String link = "/hosts/drift-host/drift?pack=app-good";
        assertEquals("http://127.0.0.1:7480" + link, f.app.alerts().alerts("active", null, 1).get(0).diffUrl());

        HttpResponse<String> anonymous = get(link, null);
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(anonymous.body().contains("action=\"/login\""), anonymous.body());
        assertTrue(anonymous.body().contains("value=\"" + link.replace("?", "?") + "\""), anonymous.body());
        assertTrue(anonymous.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"));

        assertEquals(401, login("token=wrong&next=" + java.net.URLEncoder.encode(link, "UTF-8"), base).statusCode());
        assertEquals(403, login("token=" + TOKEN + "&next=/", "http://evil.example").statusCode());

        HttpResponse<String> in = login("token=" + TOKEN + "&next=" + java.net.URLEncoder.encode(link, "UTF-8"), base);
        assertEquals(303, in.statusCode());
        assertEquals(link, in.headers().firstValue("Location").orElseThrow());
        String setCookie = in.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax"), setCookie);
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        HttpResponse<String> page = get(link, cookie);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("/etc/app.conf") && page.body().contains("app-mode"), page.body());
        assertTrue(page.body().contains("1 items not compliant"), page.body());
        assertTrue(page.body().contains("Last passed: 2026-12-02T06:00:00Z"), page.body());
        assertTrue(page.body().contains("Active alert"), page.body());

        // The cookie opens pages, never the JSON API.
        assertEquals(401, get("/api/status", cookie).statusCode());
        assertEquals(404, get("/hosts/nobody/drift?pack=app-good", cookie).statusCode());
        assertEquals(400, get("/hosts/drift-host/drift", cookie).statusCode());
    }

    @Test
    void signingInNeverRedirectsToAnotherSite() throws Exception {
        for (String next : List.of("//evil.example/x", "https://evil.example/", "/\\evil.example")) {
            HttpResponse<String> in = login("token=" + TOKEN + "&next=" + java.net.URLEncoder.encode(next, "UTF-8"), base);
            assertEquals("/", in.headers().firstValue("Location").orElseThrow(), next);
        }
    }

    @Test
    void whatAHostRecordedIsEscaped() {
        String evil = "<script>alert(1)</script>";
        String html = DriftPageResource.render(new DriftView("h", evil, "p\"><img src=x>", "1", "2026-12-01T06:00:00Z",
                "non_compliant", List.of(new DriftView.Row("/etc/" + evil, evil, "high", evil, evil)), null, null, null));
        assertFalse(html.contains("<script>"), html);
        assertFalse(html.contains("<img"), html);
        assertTrue(html.contains("&lt;script&gt;"), html);
    }
}
