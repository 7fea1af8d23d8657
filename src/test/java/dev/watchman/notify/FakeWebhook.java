package dev.watchman.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A Slack incoming webhook on loopback: answers from a script (200 once it runs out) and records every POST. */
final class FakeWebhook implements AutoCloseable {
    /** The secret part of every test URL: it must appear nowhere Watchman writes. */
    static final String TOKEN = "SECRET123";
    static final String PATH = "/services/T0/B0/" + TOKEN;

    record Reply(int status, String retryAfter, String body, long delayMillis) {
        static Reply of(int status, String body) {
            return new Reply(status, null, body, 0);
        }
    }

    record Hit(String body, long nanos, int answered) {
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final Deque<Reply> script = new ArrayDeque<>();
    private final List<Hit> hits = new ArrayList<>();

    FakeWebhook() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    synchronized FakeWebhook answer(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    synchronized List<Hit> hits() {
        return List.copyOf(hits);
    }

    /** How many POSTs got a 2xx: what Slack would have shown. */
    synchronized long delivered() {
        return hits.stream().filter(h -> h.answered() / 100 == 2).count();
    }

    private void handle(HttpExchange ex) throws IOException {
        long at = System.nanoTime();
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Reply r;
        synchronized (this) {
            r = script.isEmpty() ? Reply.of(200, "ok") : script.poll();
            if (!ex.getRequestURI().getPath().equals(PATH)) {
                r = Reply.of(404, "no_service");
            }
            hits.add(new Hit(body, at, r.status()));
        }
        try {
            if (r.delayMillis() > 0) {
                Thread.sleep(r.delayMillis());
            }
            if (r.retryAfter() != null) {
                ex.getResponseHeaders().add("Retry-After", r.retryAfter());
            }
            byte[] out = r.body().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(r.status(), out.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGone) {
            // The client timed out and hung up: what the timeout test wants.
        } finally {
            ex.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
