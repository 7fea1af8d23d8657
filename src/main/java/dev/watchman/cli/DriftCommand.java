package dev.watchman.cli;

import dev.watchman.ExitCode;
import dev.watchman.PathArgs;
import dev.watchman.WatchmanException;
import dev.watchman.snapshot.Drift;
import dev.watchman.snapshot.Progress;
import dev.watchman.snapshot.SnapshotService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "drift", mixinStandardHelpOptions = true,
        description = {"Compares a directory as it is now with a stored snapshot (detect_drift), or two snapshots.",
                "  watchman drift SNAPSHOT_ID DIR", "  watchman drift SNAPSHOT_ID --to SNAPSHOT_ID",
                "Exit code 0: no drift; 1: drift found."})
final class DriftCommand extends GraphCommand {
    @Parameters(index = "0", paramLabel = "SNAPSHOT_ID", description = "The stored snapshot to compare with.")
    String snapshotId;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DIR", description = "Directory to compare (as it is now).")
    Path dir;

    @Option(names = "--to", paramLabel = "SNAPSHOT_ID", description = "Compare with this stored snapshot instead of a directory.")
    String to;

    @Mixin
    Options.Exclude excludes;

    @Mixin
    Options.FullRehash fullRehash;

    @Mixin
    Options.Json json;

    @Override
    void checkArguments() {
        if (dir != null) {
            PathArgs.directory(dir, "drift DIR");
        }
    }

    @Override
    int run(Context ctx) {
        if ((dir == null) == (to == null)) {
            throw new WatchmanException(ExitCode.USAGE, "drift needs either DIR or --to SNAPSHOT_ID (not both, not neither)");
        }
        LinkedHashSet<String> ex = new LinkedHashSet<>(ctx.config().snapshot().exclude());
        ex.addAll(excludes.globs);
        SnapshotService service = ctx.app().snapshots();
        Drift d = to != null ? service.driftBetween(snapshotId, to, List.copyOf(ex))
                : service.driftAgainstDir(snapshotId, dir, List.copyOf(ex), fullRehash.on, Progress.onTerminal());
        if (json.on) {
            Output.printJson(ctx.out(), d);
        } else {
            print(ctx.out(), d);
        }
        return d.isEmpty() ? ExitCode.OK : ExitCode.FINDINGS;
    }

    private static void print(PrintWriter out, Drift d) {
        String from = d.from() + " (" + Output.escape(d.root()) + ")";
        String to = Output.escape(d.to());
        if (d.isEmpty()) {
            out.printf("no drift: %s matches %s%n", to, from);
            out.flush();
            return;
        }
        out.printf("drift from %s to %s: %d added, %d removed, %d modified%n", from, to, d.added().size(),
                d.removed().size(), d.modified().size());
        d.added().forEach(p -> out.println("  added     " + Output.escape(p)));
        d.removed().forEach(p -> out.println("  removed   " + Output.escape(p)));
        for (Drift.Modified m : d.modified()) {
            out.println("  modified  " + Output.escape(m.path()) + "  (" + String.join(", ", m.changed()) + ")");
        }
        out.flush();
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1 << 20) {
            return String.format("%.1f KiB", n / 1024.0);
        }
        if (n < 1L << 30) {
            return String.format("%.1f MiB", n / 1048576.0);
        }
        return String.format("%.2f GiB", n / 1073741824.0);
    }
}
