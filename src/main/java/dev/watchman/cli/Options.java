package dev.watchman.cli;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options several commands share, as picocli mixins: one spelling, one help text. */
final class Options {
    private Options() {
    }

    /** The one check of a {@code --limit N}: {@code what} names what is counted, e.g. "runs". */
    static void checkLimit(int limit, String what) {
        if (limit < 1) {
            throw new WatchmanException(ExitCode.USAGE, "--limit " + limit
                    + " is not a number of " + what + "; give N >= 1");
        }
    }

    /** {@code --json}: print for programs instead of people. */
    static final class Json {
        @Option(names = "--json", description = "Print JSON instead of text (the shape is in README).")
        boolean on;
    }

    /** {@code --env NAME}: the environment recorded on what the command writes. */
    static final class Environment {
        @Option(names = "--env", paramLabel = "NAME", defaultValue = "default",
                description = "Environment recorded on what this command writes (default: ${DEFAULT-VALUE}).")
        String name;
    }

    /** {@code --exclude GLOB}, repeatable, added to {@code [snapshot] exclude}. */
    static final class Exclude {
        @Option(names = "--exclude", paramLabel = "GLOB",
                description = "Skip matching paths, added to [snapshot] exclude. No '/': a name at any depth; "
                        + "with '/': the path relative to DIR; ** spans directories.")
        List<String> globs = new ArrayList<>();
    }

    /** {@code --root PATH}: where a pack's absolute paths are looked up, e.g. a mounted image. */
    static final class PackRoot {
        @Option(names = "--root", paramLabel = "PATH", defaultValue = "/",
                description = "Resolve pack paths (/etc/...) under PATH, e.g. a mounted image (default: ${DEFAULT-VALUE}).")
        Path path;
    }

    /** {@code --full-rehash}: trust no cached hash. */
    static final class FullRehash {
        @Option(names = "--full-rehash", description = "Re-read and hash every file, trusting no cache.")
        boolean on;
    }

    /** {@code HOST PACK}, the two arguments of {@code packs assign} and {@code packs unassign}. */
    static final class HostAndPack {
        @Parameters(index = "0", paramLabel = "HOST", description = "Host id or name.")
        String host;

        @Parameters(index = "1", paramLabel = "PACK", description = "Pack name.")
        String pack;
    }
}
