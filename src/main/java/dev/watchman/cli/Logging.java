package dev.watchman.cli;

import java.util.List;

/**
 * SLF4J setup before any logger exists. Neo4j ships its own SLF4J provider; we select slf4j-simple
 * explicitly and log to stderr. A command prints its result on stdout, so its log is quiet by
 * default (warnings and errors: nothing under cron unless something is wrong); {@code --verbose}
 * adds INFO, {@code --debug} DEBUG and library logs. {@code serve} is a daemon whose log is its
 * only output, so it logs INFO without being asked.
 */
final class Logging {
    /** How much a run logs; chosen from the command line before picocli parses it. */
    enum Level {
        QUIET, VERBOSE, DEBUG;

        /**
         * {@code --debug} wins over {@code --verbose}; {@code serve} is VERBOSE by default. Scanned
         * by hand because loggers exist (and fix their level) before picocli has parsed anything.
         */
        static Level of(List<String> args) {
            if (args.contains("--debug")) {
                return DEBUG;
            }
            if (args.contains("--verbose")) {
                return VERBOSE;
            }
            String command = args.stream().filter(a -> !a.startsWith("-")).findFirst().orElse("");
            return command.equals("serve") ? VERBOSE : QUIET;
        }
    }

    private Logging() {
    }

    static void configure(Level level) {
        setDefault("slf4j.provider", "org.slf4j.simple.SimpleServiceProvider");
        // Otherwise SLF4J announces the provider choice on every command.
        setDefault("slf4j.internal.verbosity", "WARN");
        setDefault("org.slf4j.simpleLogger.logFile", "System.err");
        String own = switch (level) {
            case QUIET -> "warn";
            case VERBOSE -> "info";
            case DEBUG -> "debug";
        };
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", own);
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        setDefault("org.slf4j.simpleLogger.showThreadName", "false");
        setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
        String libs = level == Level.DEBUG ? "info" : "warn";
        // Jetty inside Neo4j warns about its own thread pool and browser jar at every start.
        setDefault("org.slf4j.simpleLogger.log.org.eclipse.jetty", level == Level.DEBUG ? "info" : "error");
        for (String lib : new String[] {"org.neo4j", "io.javalin", "io.netty",
                "org.testcontainers"}) {
            setDefault("org.slf4j.simpleLogger.log." + lib, libs);
        }
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
