package dev.watchman.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.watchman.ExitCode;
import dev.watchman.Json;
import dev.watchman.WatchmanException;
import dev.watchman.app.Application;
import dev.watchman.change.ChangeEvent;
import dev.watchman.change.ChangeQuery;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code GET /api/changes} (the change log, filtered) and {@code POST /api/changes} (record one). */
final class ChangesResource implements Resource {
    private final Application app;

    ChangesResource(Application app) {
        this.app = app;
    }

    @Override
    public void register(ApiServer.Routes routes) {
        routes.get("/api/changes", ctx -> app.changes().getChanges(new ChangeQuery(
                ctx.queryParam("path"), ChangeQuery.parseSince(ctx.queryParam("since"), Clock.systemDefaultZone()),
                ctx.queryParam("type"), ctx.queryParam("source"),
                "true".equals(ctx.queryParam("allHosts")) ? null : app.host().id(),
                ctx.queryParam("limit") == null ? 100 : ChangeQuery.parseLimit(ctx.queryParam("limit")))));
        routes.post("/api/changes", ctx -> record(ctx.body()));
    }

    /**
     * A change the caller saw itself. Body: {@code {"path", "changeType", "previousHash"?,
     * "currentHash"?, "changes"?: [..], "source"?}}; source defaults to {@code "api"}, the time to now.
     */
    private ChangeEvent record(String body) {
        JsonNode j;
        try {
            j = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new WatchmanException(ExitCode.USAGE, "request body is not JSON: " + e.getOriginalMessage());
        }
        if (j == null || !j.isObject()) {
            throw new WatchmanException(ExitCode.USAGE, "request body must be a JSON object with path and changeType");
        }
        List<String> changes = new ArrayList<>();
        j.path("changes").forEach(c -> changes.add(c.asText()));
        return app.changes().recordChange(app.host().id(), text(j, "path"), text(j, "changeType"),
                text(j, "previousHash"), text(j, "currentHash"), changes, text(j, "source"), Instant.now());
    }

    private static String text(JsonNode j, String field) {
        JsonNode v = j.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
