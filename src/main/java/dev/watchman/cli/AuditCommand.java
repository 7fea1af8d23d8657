package dev.watchman.cli;

import dev.watchman.ExitCode;
import dev.watchman.PathArgs;
import dev.watchman.audit.AuditService;
import dev.watchman.pack.Mismatch;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Audits a directory: snapshots it, scans every text file for clear-text secrets and checks packs,",
                "then records a :ConfigAudit (plus one per pack). Secret values are never printed or stored:",
                "a finding is path, line, rule and a salted fingerprint.",
                "Exit code 0: compliant; 1: non-compliant (findings or pack mismatches);",
                "7: error (files could not be read, nothing else found; the audit is stored as 'error')."})
final class AuditCommand extends GraphCommand {
    @Parameters(index = "0", paramLabel = "DIR", description = "Directory to audit.")
    Path dir;

    @Mixin
    Options.Environment environment;

    @Option(names = "--pack", paramLabel = "NAME",
            description = "Pack to check (repeatable). Without --pack: the packs assigned to this host.")
    List<String> packs = new ArrayList<>();

    @Mixin
    Options.PackRoot fsRoot;

    @Mixin
    Options.Exclude excludes;

    @Mixin
    Options.Json json;

    @Override
    void checkArguments() {
        PathArgs.directory(dir, "audit DIR");
        PathArgs.directory(fsRoot.path, "audit --root");
    }

    @Override
    int run(Context ctx) {
        LinkedHashSet<String> ex = new LinkedHashSet<>(ctx.config().snapshot().exclude());
        ex.addAll(excludes.globs);
        AuditService.AuditReport r = ctx.app().audits()
                .audit(dir, environment.name, packs, fsRoot.path, List.copyOf(ex));
        if (json.on) {
            Output.printJson(ctx.out(), r);
        } else {
            print(ctx.out(), r);
        }
        return exitCode(r.complianceStatus());
    }

    static int exitCode(String status) {
        return switch (status) {
            case AuditService.COMPLIANT -> ExitCode.OK;
            case AuditService.NON_COMPLIANT -> ExitCode.FINDINGS;
            default -> ExitCode.IO;
        };
    }

    private static void print(PrintWriter out, AuditService.AuditReport r) {
        AuditService.ScanTotals s = r.scan();
        out.printf("audit %s of %s (env %s): %s, %d issue(s)%n", r.id(), Output.escape((String) r.auditScope().get("root")),
                r.environment(), r.complianceStatus(), r.issuesFound());
        out.printf("scanned %d of %d files (%s) in %d ms; skipped %d binary, %d too large, %d allow-listed; "
                        + "%d finding(s) allow-listed; %d unreadable; snapshot %s%n", s.scanned(), s.files(),
                DriftCommand.bytes(s.bytes()), s.durationMs(), s.skippedBinary(), s.skippedTooLarge(), s.skippedAllowed(),
                s.allowListed(), s.unreadable(), r.snapshotId());
        if (!r.findings().isEmpty()) {
            out.printf("secrets (%d):%n", r.findings().size());
            for (AuditService.FindingView f : r.findings()) {
                out.printf("  %-8s  %-30s  %s:%d  fingerprint %s%n", f.severity(), f.ruleId(), Output.escape(f.path()),
                        f.line(), f.fingerprint());
            }
        }
        r.unreadable().forEach(p -> out.println("  unreadable  " + Output.escape(p)));
        for (AuditService.PackCheck p : r.packs()) {
            printPack(out, p);
        }
        if (!r.recommendations().isEmpty()) {
            out.println("recommendations:");
            r.recommendations().forEach(x -> out.println("  - " + x));
        }
        out.flush();
    }

    static void printPack(PrintWriter out, AuditService.PackCheck p) {
        out.printf("pack %s %s: %s%s%n", p.pack(), p.version(), p.compliant() ? "compliant" : "NOT compliant",
                p.compliant() ? "" : " (" + p.mismatches().size() + " mismatch" + (p.mismatches().size() == 1 ? ")" : "es)"));
        for (Mismatch m : p.mismatches()) {
            out.printf("  %s  %s: expected %s, actual %s%n", Output.escape(m.path()), m.rule(), Output.escape(m.expected()),
                    Output.escape(m.actual()));
        }
    }
}
