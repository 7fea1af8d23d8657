package dev.watchman.cli;

import dev.watchman.ExitCode;
import dev.watchman.alert.CheckReport;
import dev.watchman.alert.PackOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Runs the drift check now, as serve's schedule does: every host with assigned packs and drift",
                "detection on (or only --host), each pack separately, read fresh from disk under [packs] root.",
                "Each check is recorded as a pack :ConfigAudit; a pack that passed before and fails now raises a",
                "config_drift alert (and its Slack message), one that passes again resolves it.",
                "Prints per (host, pack): compliant, mismatches, alert action (created, updated, resolved, none,",
                "skipped) and why. JSON: {hostsChecked, hostsSkipped, outcomes: [...]}.",
                "Exit code 0: every pack checked is compliant; 1: at least one is not; 5: --host has no packs."})
final class CheckCommand extends GraphCommand {
    @Option(names = "--host", paramLabel = "HOST", description = "Only this host (id or name).")
    String host;

    @Mixin
    Options.Json json;

    @Override
    int run(Context ctx) {
        CheckReport report = ctx.app().alerts().check(host, "manual");
        if (!ctx.backend().mode().equals("embedded")) {
            // No serve is sending for us: deliver what is due now; the rest stays queued for the next run.
            ctx.app().outbox().drain();
        }
        if (json.on) {
            Output.printJson(ctx.out(), report);
        } else if (report.outcomes().isEmpty()) {
            ctx.out().println("no host has packs assigned; assign one with: watchman packs assign HOST linux-baseline");
        } else {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (PackOutcome o : report.outcomes()) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("host", o.hostName() == null ? o.hostId() : o.hostName());
                r.put("pack", o.pack());
                r.put("compliant", o.compliant() == null ? "-" : o.compliant() ? "yes" : "NO");
                r.put("mismatches", o.compliant() == null ? "-" : o.mismatchCount());
                r.put("alert", o.action().label());
                r.put("why", o.reason() == null ? "" : o.reason());
                rows.add(r);
            }
            Output.printTable(ctx.out(), rows);
            ctx.out().printf("%d host(s) checked, %d skipped%n", report.hostsChecked(), report.hostsSkipped());
        }
        ctx.out().flush();
        boolean drift = report.outcomes().stream().anyMatch(o -> Boolean.FALSE.equals(o.compliant()));
        return drift ? ExitCode.FINDINGS : ExitCode.OK;
    }
}
