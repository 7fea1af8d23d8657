package dev.watchman.cli;

import dev.watchman.ExitCode;
import dev.watchman.alert.Alert;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = {"Lists alerts, newest first. JSON is an array of {id, type, severity, status, title, message,",
                "hostId, hostName, pack, mismatchCount, diffUrl, createdAt, updatedAt, resolvedAt, resolvedBy}."})
final class AlertsCommand extends GraphCommand {
    enum Status { active, resolved, all }

    @Option(names = "--status", paramLabel = "STATUS", defaultValue = "active",
            description = "active, resolved or all (default: ${DEFAULT-VALUE}).")
    Status status;

    @Option(names = "--host", paramLabel = "HOST", description = "Only this host's (id or name).")
    String host;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "200", description = "At most N (default: ${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    Options.Json json;

    @Override
    void checkArguments() {
        Options.checkLimit(limit, "alerts");
    }

    @Override
    int run(Context ctx) {
        List<Alert> alerts = ctx.app().alerts().alerts(status == Status.all ? null : status.name(), host, limit);
        if (json.on) {
            Output.printJson(ctx.out(), alerts);
            return ExitCode.OK;
        }
        if (alerts.isEmpty()) {
            ctx.out().println("no " + (status == Status.all ? "" : status.name() + " ") + "alerts");
            ctx.out().flush();
            return ExitCode.OK;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Alert a : alerts) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("status", a.status());
            r.put("severity", a.severity());
            r.put("host", a.hostName());
            r.put("pack", a.pack());
            r.put("mismatches", a.mismatchCount());
            r.put("since", a.createdAt());
            r.put("resolved", a.resolvedAt() == null ? "" : a.resolvedAt());
            r.put("diff", a.diffUrl());
            rows.add(r);
        }
        Output.printTable(ctx.out(), rows);
        return ExitCode.OK;
    }
}
