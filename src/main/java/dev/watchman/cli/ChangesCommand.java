package dev.watchman.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import dev.watchman.change.ChangeEvent;
import dev.watchman.graph.Graph;
import dev.watchman.host.HostIdentity;
import java.time.Instant;
import dev.watchman.change.ChangeQuery;
import dev.watchman.change.ChangeService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "changes", mixinStandardHelpOptions = true,
        description = {"Lists recorded config changes, newest first, from every source (watcher, snapshot, api).",
                "PATH is a file, or a directory meaning everything under it."})
final class ChangesCommand extends GraphCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "File or directory (made absolute).")
    String path;

    @Option(names = "--since", paramLabel = "WHEN",
            description = "30m, 24h, 7d, 2w, a date (2026-11-01) or an ISO date-time.")
    String since;

    @Option(names = "--type", paramLabel = "TYPE", description = "created, modified or deleted.")
    String type;

    @Option(names = "--source", paramLabel = "SOURCE", description = "watcher, snapshot, api or another recorder's name.")
    String source;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most N changes (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--all-hosts", description = "Every host's changes, not only this machine's.")
    boolean allHosts;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    int run(Context ctx) {
        ChangeQuery q = new ChangeQuery(path, ChangeQuery.parseSince(since, Clock.systemDefaultZone()), type, source,
                allHosts ? null : ctx.host().id(), limit);
        List<Map<String, Object>> rows = new ChangeService(ctx.graph()).getChanges(q);
        if (json) {
            Output.printJson(ctx.out(), rows);
        } else {
            List<Map<String, Object>> table = new ArrayList<>();
            for (Map<String, Object> r : rows) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("at", r.get("at"));
                t.put("type", r.get("changeType"));
                t.put("path", r.get("path"));
                t.put("source", r.get("source"));
                t.put("changes", String.join(",", strings(r.get("changes"))));
                t.put("atStartup", Boolean.TRUE.equals(r.get("detectedAtStartup")) ? "yes" : "");
                if (allHosts) {
                    t.put("host", r.get("hostId"));
                }
                table.add(t);
            }
            Output.printTable(ctx.out(), table);
        }
        return ExitCode.OK;
    }

    /** {@code ?limit=} of {@code GET /api/changes}. */
    static int limit(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw new WatchmanException(ExitCode.USAGE, "limit '" + s + "' is not a number");
        }
    }

    /**
     * {@code POST /api/changes}: record_change for callers that saw a change themselves. Body:
     * {@code {"path", "changeType", "previousHash"?, "currentHash"?, "changes"?: [..], "source"?}};
     * source defaults to {@code "api"}, the time to now.
     */
    static ChangeEvent record(Graph graph, HostIdentity host, String body) {
        JsonNode j;
        try {
            j = Output.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new WatchmanException(ExitCode.USAGE, "request body is not JSON: " + e.getOriginalMessage());
        }
        if (j == null || !j.isObject()) {
            throw new WatchmanException(ExitCode.USAGE, "request body must be a JSON object with path and changeType");
        }
        List<String> changes = new ArrayList<>();
        j.path("changes").forEach(c -> changes.add(c.asText()));
        return new ChangeService(graph).recordChange(host.id(), text(j, "path"), text(j, "changeType"),
                text(j, "previousHash"), text(j, "currentHash"), changes, text(j, "source"), Instant.now());
    }

    private static String text(JsonNode j, String field) {
        JsonNode v = j.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<String> strings(Object o) {
        List<String> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            l.forEach(x -> out.add(String.valueOf(x)));
        }
        return out;
    }
}
