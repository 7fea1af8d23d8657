package dev.watchman.config;

import java.util.Set;

/** {@code [slack]}: the incoming webhook; SLACK_WEBHOOK_URL overrides it (see {@link EnvOverrides}). */
final class SlackTable {
    private static final Set<String> KEYS = Set.of("webhook_url");

    private SlackTable() {
    }

    static Config.Slack parse(TableReader top) {
        TableReader t = top.table("slack", KEYS);
        String url = t.stringOrNull("webhook_url");
        if (url == null || url.isBlank()) {
            return new Config.Slack(null);
        }
        String problem = urlProblem(url.strip());
        if (problem != null) {
            // Never the value: the URL is the secret.
            throw t.bad("webhook_url", problem);
        }
        return new Config.Slack(url.strip());
    }

    /** Null when {@code url} can be a webhook, else why not, in words that do not repeat it. */
    static String urlProblem(String url) {
        java.net.URI u;
        try {
            u = new java.net.URI(url);
        } catch (java.net.URISyntaxException e) {
            return "is not a URL; paste the incoming-webhook URL Slack gave you (https://hooks.slack.com/services/...)";
        }
        if (u.getHost() == null || !("https".equals(u.getScheme()) || "http".equals(u.getScheme()))) {
            return "is not an http(s) URL; paste the incoming-webhook URL Slack gave you (https://hooks.slack.com/services/...)";
        }
        return null;
    }
}
