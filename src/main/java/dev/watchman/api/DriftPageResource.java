package dev.watchman.api;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import dev.watchman.alert.DriftView;
import dev.watchman.app.Application;

/**
 * {@code GET /hosts/{hostId}/drift?pack=NAME}: the diff view an alert's {@code diffUrl} points at —
 * that host's mismatches for the pack (path, rule, expected, actual) from its latest check, and
 * when the pack last passed. Plain HTML, every value escaped.
 */
final class DriftPageResource implements Resource {
    private final Application app;

    DriftPageResource(Application app) {
        this.app = app;
    }

    @Override
    public void register(ApiServer.Routes routes) {
        routes.page("/hosts/{hostId}/drift", ctx -> {
            String pack = ctx.queryParam("pack");
            if (pack == null || pack.isBlank()) {
                throw new WatchmanException(ExitCode.USAGE, "which pack? add ?pack=NAME to the address");
            }
            DriftView v = app.alerts().driftView(ctx.pathParam("hostId"), pack);
            if (v == null) {
                throw new WatchmanException(ExitCode.NOT_FOUND, "no host with id '" + ctx.pathParam("hostId") + "'");
            }
            return render(v);
        });
    }

    static String render(DriftView v) {
        String host = v.hostName() == null ? v.hostId() : v.hostName();
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(Html.escape(host)).append(" — pack <code>").append(Html.escape(v.pack()))
                .append("</code></h1>");
        b.append("<p class=\"muted\">host id <code>").append(Html.escape(v.hostId())).append("</code></p>");
        if (v.checkedAt() == null) {
            b.append("<p>This pack has not been checked on this host yet. Run <code>watchman check --host ")
                    .append(Html.escape(v.hostId())).append("</code>.</p>");
            return Html.page(host + " " + v.pack(), b.toString());
        }
        boolean ok = "compliant".equals(v.status());
        b.append("<p>Latest check ").append(Html.escape(v.checkedAt())).append(" (pack version ")
                .append(Html.escape(v.packVersion())).append("): <strong class=\"").append(ok ? "ok" : "bad")
                .append("\">").append(ok ? "compliant" : v.mismatches().size() + " items not compliant")
                .append("</strong></p>");
        b.append("<p>Last passed: ").append(v.lastPassed() == null ? "never" : Html.escape(v.lastPassed()))
                .append("</p>");
        if (v.alertId() != null) {
            b.append("<p>Active alert <code>").append(Html.escape(v.alertId())).append("</code> since ")
                    .append(Html.escape(v.alertSince())).append("</p>");
        }
        if (!v.mismatches().isEmpty()) {
            b.append("<table><tr><th>path</th><th>rule</th><th>severity</th><th>expected</th><th>actual</th></tr>");
            for (DriftView.Row r : v.mismatches()) {
                b.append("<tr><td><code>").append(Html.escape(r.path())).append("</code></td><td>")
                        .append(Html.escape(r.rule())).append("</td><td>").append(Html.escape(r.severity()))
                        .append("</td><td>").append(Html.escape(r.expected())).append("</td><td>")
                        .append(Html.escape(r.actual())).append("</td></tr>");
            }
            b.append("</table>");
        }
        return Html.page(host + " " + v.pack(), b.toString());
    }
}
