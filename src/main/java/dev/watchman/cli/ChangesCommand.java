package dev.watchman.cli;

import dev.watchman.ExitCode;
import dev.watchman.change.ChangeQuery;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    Options.Json json;

    @Override
    int run(Context ctx) {
        ChangeQuery q = new ChangeQuery(path, ChangeQuery.parseSince(since, Clock.systemDefaultZone()), type, source,
                allHosts ? null : ctx.host().id(), limit);
        List<Map<String, Object>> rows = ctx.app().changes().getChanges(q);
        if (json.on) {
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

    private static List<String> strings(Object o) {
        List<String> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            l.forEach(x -> out.add(String.valueOf(x)));
        }
        return out;
    }
}
