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

        /** A page for a person: {@code h} returns HTML; the token may come as the sign-in cookie. */
        void page(String path, PageHandler h);
    }

    /** A handler that returns a whole HTML page. */
    public interface PageHandler {
        String handle(Context ctx);
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
            config.routes.before(ctx -> access.check(ctx.method().name(), ctx.path(), ctx.header("Host"),
                            ctx.header("Authorization"), ctx.cookie(AccessGuard.COOKIE))
                    .or(() -> guard.check(ctx.method().name(), ctx.path(), ctx.header("Origin"),
                            ctx.header("Sec-Fetch-Site"), ctx.header("Content-Type"))).ifPresent(refusal -> {
                                if (refusal.status() == 401 && AccessGuard.isPage(ctx.path())) {
                                    // A person following a link: offer the sign-in form, then come back here.
                                    String next = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
                                    html(ctx.status(401), Html.login(next, false));
                                } else {
                                    ctx.status(refusal.status()).contentType("application/json").result(toJson.apply(
                                            java.util.Map.of("error", refusal.message(), "exitCode", refusal.exitCode())));
                                }
                                ctx.skipRemainingHandlers();
                            }));
            config.routes.get(AccessGuard.LOGIN, ctx -> html(ctx, Html.login(Html.safeNext(ctx.queryParam("next")), false)));
            config.routes.post(AccessGuard.LOGIN, ctx -> {
                String next = Html.safeNext(ctx.formParam("next"));
                if (!access.matches(ctx.formParam("token"))) {
                    html(ctx.status(401), Html.login(next, true));
                    return;
                }
                ctx.header("Set-Cookie", AccessGuard.COOKIE + "=" + token.strip()
                        + "; Path=/; HttpOnly; SameSite=Lax");
                ctx.status(303).header("Location", next).header("Cache-Control", "no-store");
            });
            Routes routes = new Routes() {
                @Override
                public void get(String path, Handler h) {
                    config.routes.get(path, ctx -> render(ctx, h, toJson));
                }

                @Override
                public void post(String path, Handler h) {
                    config.routes.post(path, ctx -> render(ctx, h, toJson));
                }

                @Override
                public void page(String path, PageHandler h) {
                    config.routes.get(path, ctx -> {
                        try {
                            html(ctx, h.handle(ctx));
                        } catch (WatchmanException e) {
                            html(ctx.status(status(e)), Html.page("Error", "<h1>Not available</h1><p>"
                                    + Html.escape(e.getMessage()) + "</p>"));
                        }
                    });
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
            ctx.status(status(e)).contentType("application/json")
                    .result(toJson.apply(java.util.Map.of("error", e.getMessage(), "exitCode", e.exitCode())));
        }
    }

    private static int status(WatchmanException e) {
        return switch (e.exitCode()) {
            case ExitCode.USAGE -> 400;
            case ExitCode.NOT_FOUND -> 404;
            case ExitCode.REFUSED -> 409;
            case ExitCode.GRAPH -> 503;
            default -> 500;
        };
    }

    /** An HTML answer with the headers every page carries: no script, no framing, no caching, no referrer. */
    private static void html(Context ctx, String body) {
        ctx.contentType("text/html; charset=utf-8").header("Content-Security-Policy", Html.CSP)
                .header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store").result(body);
    }

    @Override
    public void close() {
        app.stop();
    }
}
