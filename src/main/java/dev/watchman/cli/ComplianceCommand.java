package dev.watchman.cli;

import dev.watchman.ExitCode;
import dev.watchman.PathArgs;
import dev.watchman.audit.AuditService;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    Options.Environment environment;

    @Mixin
    Options.PackRoot fsRoot;

    @Mixin
    Options.Json json;

    @Override
    void checkArguments() {
        PathArgs.directory(fsRoot.path, "compliance --root");
    }

    @Override
    int run(Context ctx) {
        List<AuditService.PackCheck> checks = ctx.app().audits()
                .compliance(host, environment.name, fsRoot.path);
        if (json.on) {
            Output.printJson(ctx.out(), checks);
        } else {
            checks.forEach(c -> AuditCommand.printPack(ctx.out(), c));
            ctx.out().flush();
        }
        return checks.stream().allMatch(AuditService.PackCheck::compliant) ? ExitCode.OK : ExitCode.FINDINGS;
    }
}
