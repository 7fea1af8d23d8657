package dev.watchman.api;

import dev.watchman.ExitCode;
import dev.watchman.Ports;
import dev.watchman.WatchmanException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.function.Consumer;

/**
 * The HTTP API on {@code [api] bind:port}. Routes are registered by the feature adapters through
 * {@link Routes}; this class only owns the server, JSON rendering, error mapping and the
 * {@link MutationGuard} every mutating request passes first.
 */
public final class ApiServer implements AutoCloseable {
    private final Javalin app;

    /** Registers handlers; given to each adapter before the server starts (Javalin 7 wants routes upfront). */
    public interface Routes {
        void get(String path, Handler h);

        void post(String path, Handler h);
    }

    /** A handler that returns the value to render as JSON. */
    public interface Handler {
        Object handle(Context ctx);
    }

    private ApiServer(Javalin app) {
        this.app = app;
    }

    /** @param token what {@code Authorization: Bearer} must carry on every route but /api/health */
    public static ApiServer start(String bind, int port, String token, Consumer<Routes> register,
                                  java.util.function.Function<Object, String> toJson) {
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = bind;
            config.jetty.port = port;
            AccessGuard access = new AccessGuard(token, bind, port);
            MutationGuard guard = new MutationGuard(bind, port);
            config.routes.before(ctx -> access.check(ctx.path(), ctx.header("Host"), ctx.header("Authorization"))
                    .or(() -> guard.check(ctx.method().name(), ctx.path(), ctx.header("Origin"),
                            ctx.header("Sec-Fetch-Site"), ctx.header("Content-Type"))).ifPresent(refusal -> {
                                ctx.status(refusal.status()).contentType("application/json").result(toJson.apply(
                                        java.util.Map.of("error", refusal.message(), "exitCode", refusal.exitCode())));
                                ctx.skipRemainingHandlers();
                            }));
            Routes routes = new Routes() {
                @Override
                public void get(String path, Handler h) {
                    config.routes.get(path, ctx -> render(ctx, h, toJson));
                }

                @Override
                public void post(String path, Handler h) {
                    config.routes.post(path, ctx -> render(ctx, h, toJson));
                }
            };
            register.accept(routes);
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            WatchmanException taken = Ports.explain(e, List.of(new Ports.Listener("the API", bind, port, "[api] port")));
            if (taken != null) {
                throw taken;
            }
            throw new WatchmanException(ExitCode.IO, "cannot start the API on " + bind + ":" + port + ": "
                    + e.getMessage() + "; set [api] port or bind, or [api] enabled = false", e);
        }
        return new ApiServer(app);
    }

    public int port() {
        return app.port();
    }

    private static void render(Context ctx, Handler h, java.util.function.Function<Object, String> toJson) {
        try {
            Object body = h.handle(ctx);
            ctx.contentType("application/json").result(toJson.apply(body));
        } catch (WatchmanException e) {
            int status = switch (e.exitCode()) {
                case ExitCode.USAGE -> 400;
                case ExitCode.NOT_FOUND -> 404;
                case ExitCode.REFUSED -> 409;
                case ExitCode.GRAPH -> 503;
                default -> 500;
            };
            ctx.status(status).contentType("application/json")
                    .result(toJson.apply(java.util.Map.of("error", e.getMessage(), "exitCode", e.exitCode())));
        }
    }

    @Override
    public void close() {
        app.stop();
    }
}
