package dev.watchman.cli;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;

/** Entry point: {@code java -jar target/watchman.jar <command>}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code; tests call this directly. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** As {@link #run(String...)} with the output streams given, so tests can read them. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        Logging.Level level = Logging.Level.of(Arrays.asList(args));
        boolean debug = level == Logging.Level.DEBUG;
        Logging.configure(level);
        CommandLine cli = commandLine(debug);
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    static CommandLine commandLine(boolean debug) {
        CommandLine cli = new CommandLine(new WatchmanCommand());
        // Every subcommand offers -V/--version through the standard options; give them the text.
        giveVersion(cli);
        cli.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter err = cmd.getErr();
            err.println("watchman: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            cmd.usage(err);
            return ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> report(e, cmd.getErr(), debug));
        cli.setExitCodeExceptionMapper(e -> e instanceof WatchmanException w ? w.exitCode()
                : e instanceof CommandLine.ParameterException ? ExitCode.USAGE : ExitCode.INTERNAL);
        return cli;
    }

    private static void giveVersion(CommandLine cmd) {
        for (CommandLine sub : cmd.getSubcommands().values()) {
            sub.getCommandSpec().versionProvider(new WatchmanCommand.Version());
            giveVersion(sub);
        }
    }

    static int report(Exception e, PrintWriter err, boolean debug) {
        Throwable t = e;
        if (t instanceof CommandLine.ExecutionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof WatchmanException w) {
            err.println("watchman: " + w.getMessage());
            if (debug) {
                w.printStackTrace(err);
            }
            err.flush();
            return w.exitCode();
        }
        err.println("watchman: internal error: " + t + (debug ? "" : " (run with --debug for the stack trace)"));
        if (debug) {
            t.printStackTrace(err);
        }
        err.flush();
        return ExitCode.INTERNAL;
    }
}
