package dev.watchman.api;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import dev.watchman.app.Application;
import dev.watchman.query.QueryService;
import java.util.List;

/** {@code GET /api/queries} (the saved questions) and {@code GET /api/queries/{name}?param=value…}. */
final class QueriesResource implements Resource {
    private final Application app;

    QueriesResource(Application app) {
        this.app = app;
    }

    @Override
    public void register(ApiServer.Routes routes) {
        routes.get("/api/queries", ctx -> QueryService.saved());
        routes.get("/api/queries/{name}", ctx -> {
            String name = ctx.pathParam("name");
            if (!QueryService.isSaved(name)) {
                throw new WatchmanException(ExitCode.NOT_FOUND, "no saved question '" + name + "'");
            }
            List<String> pairs = ctx.queryParamMap().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue().get(0)).toList();
            return app.queries().run(name, QueryService.parseParams(pairs));
        });
    }
}
