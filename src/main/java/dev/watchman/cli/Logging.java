package dev.watchman.cli;

/**
 * SLF4J setup before any logger exists. Neo4j ships its own SLF4J provider; we select slf4j-simple
 * explicitly, log to stderr, and keep the libraries quiet unless {@code --debug}.
 */
final class Logging {
    private Logging() {
    }

    static void configure(boolean debug) {
        setDefault("slf4j.provider", "org.slf4j.simple.SimpleServiceProvider");
        // Otherwise SLF4J announces the provider choice on every command.
        setDefault("slf4j.internal.verbosity", "WARN");
        setDefault("org.slf4j.simpleLogger.logFile", "System.err");
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", debug ? "debug" : "info");
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        setDefault("org.slf4j.simpleLogger.showThreadName", "false");
        setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
        String quiet = debug ? "info" : "warn";
        // Jetty inside Neo4j warns about its own thread pool and browser jar at every start.
        setDefault("org.slf4j.simpleLogger.log.org.eclipse.jetty", debug ? "info" : "error");
        for (String lib : new String[] {"org.neo4j", "io.javalin", "io.netty",
                "io.methvin", "org.testcontainers"}) {
            setDefault("org.slf4j.simpleLogger.log." + lib, quiet);
        }
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
