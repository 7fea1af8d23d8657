package dev.watchman.cli;

import dev.watchman.ExitCode;
import dev.watchman.PathArgs;
import dev.watchman.audit.AuditService;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compliance", mixinStandardHelpOptions = true,
        description = {"Checks this host against each of its assigned packs separately and records one :ConfigAudit per pack.",
                "Exact-path metadata comes from the latest snapshot where one recorded the file; the rest from disk.",
                "Prints [{pack, version, compliant, mismatches: [{path, rule, expected, actual}], ...}].",
                "Exit code 0: every pack compliant; 1: at least one is not; 5: no packs assigned or not this host."})
final class ComplianceCommand extends GraphCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "HOST",
            description = "Host id or name; must be this machine (default).")
    String host;

    @Option(names = "--env", paramLabel = "NAME", defaultValue = "default",
            description = "Environment recorded on the audits (default: ${DEFAULT-VALUE}).")
    String environment;

    @Option(names = "--root", paramLabel = "PATH", defaultValue = "/",
            description = "Resolve pack paths under PATH (default: ${DEFAULT-VALUE}).")
    Path fsRoot;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    void checkArguments() {
        PathArgs.directory(fsRoot, "compliance --root");
    }

    @Override
    int run(Context ctx) {
        List<AuditService.PackCheck> checks = new AuditService(ctx.graph(), ctx.host(), ctx.config())
                .compliance(host, environment, fsRoot);
        if (json) {
            Output.printJson(ctx.out(), checks);
        } else {
            checks.forEach(c -> AuditCommand.printPack(ctx.out(), c));
            ctx.out().flush();
        }
        return checks.stream().allMatch(AuditService.PackCheck::compliant) ? ExitCode.OK : ExitCode.FINDINGS;
    }
}
