package dev.watchman.cli;

import dev.watchman.ExitCode;
import dev.watchman.query.StatusService;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Backend, Neo4j version, this host's id and node counts by label.")
final class StatusCommand extends GraphCommand {
    @Mixin
    Options.Json json;

    @Override
    int run(Context ctx) {
        StatusService.Status s = ctx.app().status().status(ctx.backend().mode(), ctx.host());
        if (json.on) {
            Output.printJson(ctx.out(), s);
            return ExitCode.OK;
        }
        ctx.out().printf("backend:   %s%n", s.backend());
        ctx.out().printf("uri:       %s%n", s.uri());
        ctx.out().printf("neo4j:     %s %s%n", s.neo4jVersion(), s.neo4jEdition());
        ctx.out().printf("host:      %s (%s)%n", s.hostId(), s.hostName());
        ctx.out().printf("nodes:%n");
        if (s.nodeCounts().isEmpty()) {
            ctx.out().printf("  (none)%n");
        }
        for (Map.Entry<String, Long> e : s.nodeCounts().entrySet()) {
            ctx.out().printf("  %-14s %d%n", e.getKey(), e.getValue());
        }
        ctx.out().flush();
        return ExitCode.OK;
    }
}
