package dev.watchman.cli;

import dev.watchman.ExitCode;
import dev.watchman.PathArgs;
import dev.watchman.snapshot.Progress;
import dev.watchman.snapshot.SnapshotService;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = {"Hashes every file under DIR (SHA-256) with its metadata and records a :Snapshot.",
                "Unchanged files are not re-read (cache key: dev, inode, size, mtime, ctime) unless --full-rehash."})
final class SnapshotCommand extends GraphCommand {
    @Parameters(index = "0", paramLabel = "DIR", description = "Directory to snapshot.")
    Path dir;

    @Mixin
    Options.Environment environment;

    @Mixin
    Options.Exclude excludes;

    @Mixin
    Options.FullRehash fullRehash;

    @Mixin
    Options.Json json;

    @Override
    void checkArguments() {
        PathArgs.directory(dir, "snapshot DIR");
    }

    @Override
    int run(Context ctx) {
        SnapshotService.Summary s = ctx.app().snapshots()
                .snapshot(dir, environment.name, excludes(ctx), fullRehash.on, Progress.onTerminal());
        if (json.on) {
            Output.printJson(ctx.out(), s);
        } else {
            ctx.out().printf("snapshot %s of %s (env %s): %d files, %s, %d hashed, %d from cache, %d unreadable, %d ms%n",
                    s.snapshotId(), s.root(), s.environment(), s.totalFiles(), DriftCommand.bytes(s.totalBytes()),
                    s.hashedFiles(), s.reusedFiles(), s.unreadable(), s.durationMs());
            ctx.out().println(changeLine(s));
            if (s.excludesChanged()) {
                ctx.out().printf("excludes changed (were %s, now %s): %d entries no longer tracked, %d newly tracked; "
                                + "neither is recorded as a change%n", s.previousExcludes(), excludes(ctx),
                        s.newlyExcluded(), s.newlyIncluded());
            }
            ctx.out().flush();
        }
        return ExitCode.OK;
    }

    private List<String> excludes(Context ctx) {
        LinkedHashSet<String> ex = new LinkedHashSet<>(ctx.config().snapshot().exclude());
        ex.addAll(excludes.globs);
        return List.copyOf(ex);
    }

    /** What the added/removed/modified counts are relative to, in words. */
    static String changeLine(SnapshotService.Summary s) {
        if (s.baseline()) {
            return (s.previousIncomplete() != null ? "baseline (previous snapshot " + s.previousIncomplete()
                    + " was incomplete): " : "baseline (first snapshot of this root): ")
                    + s.entries() + " entries recorded, no change events";
        }
        String since = s.previousIncomplete() == null ? "since the previous snapshot " + s.comparedWith()
                : "since " + s.comparedWith() + ", the last complete snapshot (" + s.previousIncomplete()
                + " was incomplete)";
        return since + ": " + s.added() + " added, " + s.removed() + " removed, " + s.modified() + " modified";
    }
}
