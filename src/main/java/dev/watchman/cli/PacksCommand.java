package dev.watchman.cli;

import dev.watchman.ExitCode;
import dev.watchman.pack.Pack;
import dev.watchman.pack.PackExport;
import dev.watchman.pack.PackRule;
import dev.watchman.pack.PackService;
import dev.watchman.pack.Requirement;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "packs", mixinStandardHelpOptions = true,
        description = {"Compliance packs: the shipped ones plus every *.toml in [packs] dir (which override by name).",
                "A malformed pack fails every packs command with exit code 2, naming the file and the rule."},
        subcommands = {PacksCommand.ListPacks.class, PacksCommand.Show.class, PacksCommand.Export.class,
                PacksCommand.Assign.class, PacksCommand.Unassign.class})
final class PacksCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: list, show, export, assign or unassign");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the packs and the hosts each is assigned to.")
    static final class ListPacks extends GraphCommand {
        @Mixin
        Options.Json json;

        @Override
        int run(Context ctx) {
            List<PackService.Listed> packs = ctx.app().packs().list();
            if (json.on) {
                Output.printJson(ctx.out(), packs);
                return ExitCode.OK;
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            for (PackService.Listed p : packs) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", p.name());
                row.put("version", p.version());
                row.put("rules", p.rules());
                row.put("hosts", String.join(", ", p.hosts()));
                row.put("source", p.source());
                rows.add(row);
            }
            Output.printTable(ctx.out(), rows);
            return ExitCode.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one pack: each rule with what it requires (type, path, pattern/mode/owner...), and its hosts.")
    static final class Show extends GraphCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Mixin
        Options.Json json;

        @Override
        int run(Context ctx) {
            PackService service = ctx.app().packs();
            PackService.Listed listed = service.show(name);
            Pack pack = service.find(name);
            if (json.on) {
                List<Map<String, Object>> rules = new ArrayList<>();
                for (PackRule r : pack.rules()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("id", r.id());
                    row.put("type", r.type().tomlName());
                    row.put("severity", r.severity().label());
                    row.putAll(Requirement.fields(r));
                    row.put("requires", Requirement.text(r));
                    row.put("description", r.description());
                    rules.add(row);
                }
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("name", listed.name());
                out.put("version", listed.version());
                out.put("description", listed.description());
                out.put("source", listed.source());
                out.put("checksum", listed.checksum());
                out.put("hosts", listed.hosts());
                out.put("rules", rules);
                Output.printJson(ctx.out(), out);
                return ExitCode.OK;
            }
            ctx.out().printf("pack %s %s — %s%nsource %s (sha256 %s)%nassigned to: %s%n", listed.name(), listed.version(),
                    listed.description() == null ? "" : listed.description(), listed.source(), listed.checksum(),
                    listed.hosts().isEmpty() ? "(no hosts)" : String.join(", ", listed.hosts()));
            // One block per rule: patterns are too long for a table column.
            for (PackRule r : pack.rules()) {
                ctx.out().printf("%nrule %s (%s, %s)%n", r.id(), r.type().tomlName(), r.severity().label());
                String where = r.path() != null ? r.path() : r.under();
                ctx.out().printf("  %-8s %s%n", r.path() != null ? "path" : "under", Output.escape(where));
                ctx.out().printf("  %-8s %s%n", "requires", Output.escape(Requirement.text(r)));
                if (r.description() != null) {
                    ctx.out().printf("  %-8s %s%n", "why", Output.escape(r.description()));
                }
            }
            ctx.out().flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Writes the packs shipped in the jar to DIR as .toml files, byte for byte, to read them or",
                    "to copy and adapt them in [packs] dir (a pack there overrides the shipped one of the same name).",
                    "A file in DIR with other content is not overwritten (exit 5) unless --force."})
    static final class Export implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR", description = "Directory to write to (created if missing).")
        Path dir;

        @Option(names = "--force", description = "Overwrite files in DIR that differ from the shipped packs.")
        boolean force;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (PackExport.Written w : PackExport.export(dir, force)) {
                out.printf("%-11s %s (pack %s)%n", w.outcome(), Output.escape(w.file().toString()), w.pack());
            }
            out.flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "assign", mixinStandardHelpOptions = true,
            description = "Assigns a pack to a host (by name: a new version of the pack keeps the assignment).")
    static final class Assign extends GraphCommand {
        @Mixin
        Options.HostAndPack args;

        @Override
        int run(Context ctx) {
            Map<String, Object> a = ctx.app().packs().assign(args.host, args.pack);
            ctx.out().printf("assigned pack %s %s to host %s (%s)%n", a.get("pack"), a.get("version"), a.get("hostName"),
                    a.get("hostId"));
            ctx.out().flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "unassign", mixinStandardHelpOptions = true, description = "Removes a pack from a host.")
    static final class Unassign extends GraphCommand {
        @Mixin
        Options.HostAndPack args;

        @Override
        int run(Context ctx) {
            boolean removed = ctx.app().packs().unassign(args.host, args.pack);
            ctx.out().println(removed ? "unassigned pack " + args.pack + " from host " + args.host
                    : "pack " + args.pack + " was not assigned to host " + args.host + " (nothing to do)");
            ctx.out().flush();
            return ExitCode.OK;
        }
    }
}
