package dev.watchman.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command takes. */
final class CommonOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: $WATCHMAN_CONFIG, else ~/.config/watchman/watchman.toml).")
    Path config;

    @Option(names = "--debug", description = "Print stack traces and library logs.")
    boolean debug;
}
