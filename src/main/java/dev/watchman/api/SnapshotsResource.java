package dev.watchman.api;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import dev.watchman.app.Application;
import java.nio.file.Path;
import java.util.List;

/** {@code GET /api/snapshots[?root=&allHosts=true]} and {@code GET /api/drift?from=&to=}. */
final class SnapshotsResource implements Resource {
    private final Application app;

    SnapshotsResource(Application app) {
        this.app = app;
    }

    @Override
    public void register(ApiServer.Routes routes) {
        routes.get("/api/snapshots", ctx -> app.snapshots().list(
                ctx.queryParam("root") == null ? null : Path.of(ctx.queryParam("root")),
                "true".equals(ctx.queryParam("allHosts"))));
        routes.get("/api/drift", ctx -> {
            String from = ctx.queryParam("from");
            String to = ctx.queryParam("to");
            if (from == null || to == null) {
                throw new WatchmanException(ExitCode.USAGE, "drift needs ?from=SNAPSHOT_ID&to=SNAPSHOT_ID");
            }
            return app.snapshots().driftBetween(from, to, List.of());
        });
    }
}
