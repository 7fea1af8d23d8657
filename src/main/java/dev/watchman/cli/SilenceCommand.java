package dev.watchman.cli;

import dev.watchman.Durations;
import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import dev.watchman.alert.Silence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "silence", mixinStandardHelpOptions = true,
        description = {"A maintenance window: while it holds, checks of HOST (every pack, or --pack) still run and",
                "are recorded, but no alert is raised and nothing is sent. Drift still present when it ends",
                "raises the alert then. `silence list` and `silence remove ID` manage them."},
        subcommands = {SilenceCommand.ListSilences.class, SilenceCommand.Remove.class})
final class SilenceCommand extends GraphCommand {
    // Not required to picocli: it would then demand them for `silence list` too. Checked below.
    @Parameters(index = "0", arity = "0..1", paramLabel = "HOST", description = "Host id or name.")
    String host;

    @Option(names = "--pack", paramLabel = "PACK", description = "Only this pack (default: every pack of the host).")
    String pack;

    @Option(names = "--for", paramLabel = "DURATION", description = "How long, e.g. 30m, 2h, 1d.")
    String span;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, e.g. \"kernel upgrade\".")
    String reason;

    @Mixin
    Options.Json json;

    private Duration duration;

    @Override
    void checkArguments() {
        if (host == null) {
            throw new WatchmanException(ExitCode.USAGE, "silence needs a HOST, e.g. watchman silence web1 --for 2h"
                    + " --reason \"kernel upgrade\" (or: silence list, silence remove ID)");
        }
        if (span == null || reason == null) {
            throw new WatchmanException(ExitCode.USAGE, "silence " + host + " needs --for DURATION and --reason TEXT,"
                    + " e.g. --for 2h --reason \"kernel upgrade\"");
        }
        duration = Durations.parse(span);
        if (duration == null || duration.isZero()) {
            throw new WatchmanException(ExitCode.USAGE, "silence --for '" + span + "' is not a duration; use "
                    + Durations.FORMAT);
        }
        if (reason.isBlank()) {
            throw new WatchmanException(ExitCode.USAGE, "silence --reason is empty; say why, e.g. --reason \"kernel upgrade\"");
        }
    }

    @Override
    int run(Context ctx) {
        Silence s = ctx.app().alerts().silence(host, pack, duration, reason.strip());
        if (json.on) {
            Output.printJson(ctx.out(), s);
        } else {
            ctx.out().printf("silenced %s (%s) until %s: %s%nid %s; end it early with: watchman silence remove %s%n",
                    s.hostName(), s.pack() == null ? "every pack" : "pack " + s.pack(), s.endsAt(),
                    Output.escape(s.reason()), s.id(), s.id());
            ctx.out().flush();
        }
        return ExitCode.OK;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the silences holding now (--all: every one).")
    static final class ListSilences extends GraphCommand {
        @Option(names = "--all", description = "Include ended and removed silences.")
        boolean all;

        @Mixin
        Options.Json json;

        @Override
        int run(Context ctx) {
            List<Silence> silences = ctx.app().alerts().silences(all);
            if (json.on) {
                Output.printJson(ctx.out(), silences);
                return ExitCode.OK;
            }
            if (silences.isEmpty()) {
                ctx.out().println(all ? "no silences" : "no silence holds now");
                ctx.out().flush();
                return ExitCode.OK;
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Silence s : silences) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("id", s.id());
                r.put("host", s.hostName());
                r.put("pack", s.pack() == null ? "(all)" : s.pack());
                r.put("until", s.endsAt());
                r.put("reason", s.reason());
                rows.add(r);
            }
            Output.printTable(ctx.out(), rows);
            return ExitCode.OK;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Ends a silence now; drift still present is raised at the next check (serve checks within a minute).")
    static final class Remove extends GraphCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "The silence id (see silence list).")
        String id;

        @Override
        int run(Context ctx) {
            boolean ended = ctx.app().alerts().removeSilence(id);
            ctx.out().println(ended ? "silence " + id + " ended" : "silence " + id + " had already ended");
            ctx.out().flush();
            return ExitCode.OK;
        }
    }
}
