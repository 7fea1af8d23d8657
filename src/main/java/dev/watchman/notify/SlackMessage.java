package dev.watchman.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.watchman.Json;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Slack message: the {@code text} fallback (notifications, clients without blocks) and Block Kit
 * {@code blocks}. Names are escaped for Slack's mrkdwn ({@code & < >}), and the diff view is a
 * link only when it is an absolute http(s) URL: Slack rejects the whole message (400
 * invalid_blocks) for a relative one, so a path is shown as text with how to get a link.
 */
public record SlackMessage(String text, List<Map<String, Object>> blocks) {
    /** Slack's limits on a field and a section's text, kept well under so a long name never costs the message. */
    private static final int NAME_LIMIT = 200;

    public SlackMessage {
        Objects.requireNonNull(text, "text");
        blocks = List.copyOf(blocks);
    }

    /** An alert raised: host, "Configuration drift detected", mismatch count, pack and a link to the diff view. */
    public static SlackMessage drift(String hostName, String pack, int mismatchCount, String diffUrl) {
        String host = mrkdwn(Objects.requireNonNull(hostName, "hostName"));
        String p = mrkdwn(Objects.requireNonNull(pack, "pack"));
        String items = mismatchCount + (mismatchCount == 1 ? " item" : " items") + " no longer compliant with ";
        String link = link(diffUrl);
        String text = "⚠️ Configuration drift detected on " + host + ": " + items + p + (link == null ? "" : " " + link);
        List<Map<String, Object>> blocks = new ArrayList<>();
        blocks.add(header("⚠️ Configuration drift detected"));
        blocks.add(fields("Host", host, "Pack", p, "Mismatches", Integer.toString(mismatchCount)));
        blocks.add(section(items + "*" + p + "* on *" + host + "*"));
        blocks.add(diff(diffUrl, "View the diff"));
        return new SlackMessage(text, withoutNulls(blocks));
    }

    /** The alert resolved itself: "Machine is now compliant with <pack>". */
    public static SlackMessage resolved(String hostName, String pack, String diffUrl) {
        String host = mrkdwn(Objects.requireNonNull(hostName, "hostName"));
        String p = mrkdwn(Objects.requireNonNull(pack, "pack"));
        String text = "✅ " + host + ": Machine is now compliant with " + p;
        List<Map<String, Object>> blocks = new ArrayList<>();
        blocks.add(header("✅ Configuration compliant"));
        blocks.add(fields("Host", host, "Pack", p));
        blocks.add(section("Machine is now compliant with " + p));
        blocks.add(diff(diffUrl, "View the host's compliance"));
        return new SlackMessage(text, withoutNulls(blocks));
    }

    /** The webhook payload, {@code {"text": ..., "blocks": [...]}}, on one line. */
    public String toJson() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("text", text);
        payload.put("blocks", blocks);
        try {
            return Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a Slack message: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> header(String plain) {
        return block("type", "header", "text", block("type", "plain_text", "text", plain, "emoji", true));
    }

    private static Map<String, Object> section(String mrkdwn) {
        return block("type", "section", "text", block("type", "mrkdwn", "text", mrkdwn));
    }

    /** A section of labelled fields: label, value, label, value … */
    private static Map<String, Object> fields(String... labelsAndValues) {
        List<Map<String, Object>> fields = new ArrayList<>();
        for (int i = 0; i < labelsAndValues.length; i += 2) {
            fields.add(block("type", "mrkdwn", "text", "*" + labelsAndValues[i] + "*\n" + labelsAndValues[i + 1]));
        }
        return block("type", "section", "fields", List.copyOf(fields));
    }

    /** A link to the diff view; its path as text when it is no absolute URL; nothing without one. */
    private static Map<String, Object> diff(String diffUrl, String label) {
        String link = link(diffUrl);
        if (link != null) {
            return section("<" + link + "|" + label + ">");
        }
        if (diffUrl == null || diffUrl.isBlank()) {
            return null;
        }
        return block("type", "context", "elements", List.of(block("type", "mrkdwn", "text",
                "Diff view: " + mrkdwn(diffUrl) + " on the Watchman API (set [api] public_url for a link)")));
    }

    /** {@code url} fit for a mrkdwn link, or null when it is not an absolute http(s) URL. */
    static String link(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        // These three end or split a mrkdwn link; percent-encoded they mean the same URL.
        String encoded = url.strip().replace("|", "%7C").replace("<", "%3C").replace(">", "%3E");
        try {
            URI u = new URI(encoded);
            if (u.getHost() == null || !("https".equals(u.getScheme()) || "http".equals(u.getScheme()))) {
                return null;
            }
        } catch (URISyntaxException e) {
            return null;
        }
        return encoded;
    }

    /** Slack's mrkdwn reads &, < and > as markup: escaped as Slack asks, and clipped to a sane length. */
    static String mrkdwn(String s) {
        String clipped = s.length() > NAME_LIMIT ? s.substring(0, NAME_LIMIT - 1) + "…" : s;
        return clipped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace('\n', ' ').replace('\r', ' ');
    }

    private static Map<String, Object> block(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    private static List<Map<String, Object>> withoutNulls(List<Map<String, Object>> blocks) {
        blocks.removeIf(Objects::isNull);
        return blocks;
    }
}
