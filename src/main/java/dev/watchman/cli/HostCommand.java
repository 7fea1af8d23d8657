package dev.watchman.cli;

import dev.watchman.ExitCode;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "host", mixinStandardHelpOptions = true, description = "Per-host settings.",
        subcommands = {HostCommand.Set.class})
final class HostCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: set");
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Changes a host's settings, e.g. --drift-detection=false to leave it out of the drift check.")
    static final class Set extends GraphCommand {
        @Parameters(index = "0", paramLabel = "HOST", description = "Host id or name.")
        String host;

        @Option(names = "--drift-detection", required = true, arity = "1", paramLabel = "true|false",
                description = "Whether the drift check (scheduled and `watchman check`) checks this host.")
        boolean driftDetection;

        @Override
        int run(Context ctx) {
            Map<String, Object> r = ctx.app().alerts().setDriftDetection(host, driftDetection);
            ctx.out().printf("host %s (%s): drift detection %s%n", r.get("hostName"), r.get("hostId"),
                    driftDetection ? "on" : "off");
            ctx.out().flush();
            return ExitCode.OK;
        }
    }
}
