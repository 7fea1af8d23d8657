package dev.watchman.notify;

import dev.watchman.Threads;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * Slack's incoming webhook over {@link HttpClient}: a connect and a request timeout, so a webhook
 * that hangs costs one retry, never the outbox thread; no redirects (a webhook does not move).
 * Only the first {@value #BODY_LIMIT} bytes of an answer are read: Slack's reasons are one word.
 */
final class HttpWebhook implements Webhook {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final int BODY_LIMIT = 1024;

    private final String url;
    private final HttpClient client;
    private final Duration requestTimeout;

    HttpWebhook(String url) {
        this(url, CONNECT_TIMEOUT, REQUEST_TIMEOUT);
    }

    HttpWebhook(String url, Duration connectTimeout, Duration requestTimeout) {
        this.url = url;
        this.requestTimeout = requestTimeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newCachedThreadPool(Threads.named("slack")))
                .build();
    }

    @Override
    public Response post(String json) throws InterruptedException {
        try {
            HttpRequest request = HttpRequest.newBuilder(new URI(url))
                    .timeout(requestTimeout)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                    .build();
            HttpResponse<InputStream> r = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String body;
            try (InputStream in = r.body()) {
                body = new String(in.readNBytes(BODY_LIMIT), StandardCharsets.UTF_8);
            }
            return new Response(r.statusCode(), r.headers().firstValue("Retry-After").orElse(null), body, null);
        } catch (IOException | java.net.URISyntaxException | IllegalArgumentException e) {
            // The message may quote the URI: only the cleaned class and message leave here, no cause.
            String what = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            return Response.unreachable(Redaction.clean(what, url));
        }
    }
}
