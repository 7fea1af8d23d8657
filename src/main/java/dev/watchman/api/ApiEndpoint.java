package dev.watchman.api;

import dev.watchman.Json;
import dev.watchman.app.Application;
import dev.watchman.app.Endpoint;
import dev.watchman.config.Config;
import java.util.List;

/** The HTTP API as one of serve's endpoints: one resource class per path prefix under {@code /api/}. */
public final class ApiEndpoint implements Endpoint {
    @Override
    public String name() {
        return "api";
    }

    @Override
    public Running start(Application app) {
        Config.Api api = app.config().api();
        if (!api.enabled()) {
            return null;
        }
        List<Resource> resources = List.of(new StatusResource(app), new SnapshotsResource(app),
                new ChangesResource(app), new QueriesResource(app), new DriftPageResource(app));
        String token = AccessGuard.load(app.config().dataDir());
        ApiServer server = ApiServer.start(api.bind(), api.port(), token,
                routes -> resources.forEach(r -> r.register(routes)), Json::write);
        String address = "http://" + api.bind() + ":" + server.port() + "/api/ (token in "
                + app.config().dataDir().resolve(AccessGuard.FILE) + ")";
        return Running.of(address, server::close);
    }
}
