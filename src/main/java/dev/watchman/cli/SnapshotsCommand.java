package dev.watchman.cli;

import dev.watchman.ExitCode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "snapshots", mixinStandardHelpOptions = true, description = "Lists snapshots, newest first.")
final class SnapshotsCommand extends GraphCommand {
    @Option(names = "--root", paramLabel = "DIR", description = "Only snapshots of this directory.")
    Path root;

    @Option(names = "--all-hosts", description = "Include every host's snapshots, not only this machine's.")
    boolean allHosts;

    @Mixin
    Options.Json json;

    @Override
    int run(Context ctx) {
        List<Map<String, Object>> rows = ctx.app().snapshots()
                .list(root, allHosts);
        if (json.on) {
            Output.printJson(ctx.out(), rows);
        } else {
            Output.printTable(ctx.out(), rows);
        }
        return ExitCode.OK;
    }
}
