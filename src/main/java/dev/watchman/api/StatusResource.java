package dev.watchman.api;

import dev.watchman.app.Application;
import java.util.Map;

/** {@code GET /api/health} (is the process up) and {@code GET /api/status} (graph, host, counts). */
final class StatusResource implements Resource {
    private final Application app;

    StatusResource(Application app) {
        this.app = app;
    }

    @Override
    public void register(ApiServer.Routes routes) {
        routes.get("/api/health", ctx -> Map.of("status", "ok"));
        routes.get("/api/status", ctx -> app.status().status(app.backend().mode(), app.host()));
    }
}
