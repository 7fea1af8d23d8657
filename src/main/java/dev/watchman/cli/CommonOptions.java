package dev.watchman.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command takes. */
final class CommonOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: $WATCHMAN_CONFIG, else ~/.config/watchman/watchman.toml).")
    Path config;

    // Both are read from the raw arguments in Main (Logging.Level.of) before parsing; declared here
    // so every command accepts them and lists them in --help.
    @Option(names = "--verbose", description = "Log progress (INFO) to stderr; by default only warnings and errors.")
    boolean verbose;

    @Option(names = "--debug", description = "Log DEBUG and library logs to stderr; print stack traces.")
    boolean debug;
}
