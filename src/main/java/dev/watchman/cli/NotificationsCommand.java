package dev.watchman.cli;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import dev.watchman.notify.NotificationView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "notifications", mixinStandardHelpOptions = true,
        description = "Lists alert notifications (the Slack outbox), newest first: pending, sent or failed, "
                + "attempts, next attempt and last error. Never shows the webhook URL.")
final class NotificationsCommand extends GraphCommand {
    private static final Set<String> STATUSES = Set.of("pending", "sent", "failed", "all");

    @Option(names = "--status", paramLabel = "STATUS", defaultValue = "all",
            description = "pending, sent, failed or all (default: ${DEFAULT-VALUE}).")
    String status;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
            description = "At most N notifications (default: ${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    Options.Json json;

    @Override
    void checkArguments() {
        if (!STATUSES.contains(status)) {
            throw new WatchmanException(ExitCode.USAGE, "--status " + status
                    + " is not one of pending, sent, failed, all");
        }
        Options.checkLimit(limit, "notifications");
    }

    @Override
    int run(Context ctx) {
        List<NotificationView> list = ctx.app().outbox().list(status, limit);
        if (json.on) {
            Output.printJson(ctx.out(), list);
            return ExitCode.OK;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (NotificationView n : list) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("createdAt", n.createdAt());
            r.put("kind", n.kind());
            r.put("status", n.status());
            r.put("channel", n.channel());
            r.put("attempts", n.attempts());
            r.put("nextAttemptAt", n.nextAttemptAt());
            r.put("sentAt", n.sentAt());
            r.put("alertId", n.alertId());
            r.put("lastError", n.lastError());
            r.put("text", n.text());
            rows.add(r);
        }
        Output.printTable(ctx.out(), rows);
        return ExitCode.OK;
    }
}
