package dev.watchman.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.watchman.graph.TestGraph;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a command prints on stderr, in a JVM of its own: slf4j-simple fixes its levels once per
 * JVM, so only a fresh process shows what a user (or cron) sees.
 */
class LoggingIT {
    @TempDir
    Path dir;
    Path config;
    Path tree;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void setUp() throws IOException {
        TestGraph.fresh();
        String pw = TestGraph.password() == null ? "" : "password = \"" + TestGraph.password() + "\"\n";
        config = Files.writeString(dir.resolve("watchman.toml"), "data_dir = \"" + dir.resolve("data") + "\"\n"
                + "[neo4j]\nuri = \"" + TestGraph.uri() + "\"\n" + pw + "[host]\nid = \"logging-host\"\n");
        tree = Files.createDirectories(dir.resolve("tree"));
        Files.writeString(tree.resolve("app.conf"), "listen = 8080\n");
    }

    static Run java(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens", "java.base/sun.nio.fs=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("watchman-out", ".txt");
        Path err = Files.createTempFile("watchman-err", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "command finished");
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void aNormalAuditPrintsNothingOnStderrAndVerboseLogsInfo() throws Exception {
        Run quiet = java("audit", tree.toString(), "--config", config.toString());
        assertEquals(0, quiet.code(), quiet.err());
        assertTrue(quiet.out().contains(": compliant, 0 issue(s)"), quiet.out());
        assertEquals("", quiet.err(), "a normal run is silent on stderr (cron mails nothing)");

        Run verbose = java("audit", tree.toString(), "--config", config.toString(), "--verbose");
        assertEquals(0, verbose.code(), verbose.err());
        assertTrue(verbose.err().contains(" INFO AuditService - audit audit-"), verbose.err());
        assertTrue(verbose.out().contains(": compliant, 0 issue(s)"), verbose.out());

        Run debug = java("audit", tree.toString(), "--config", config.toString(), "--debug");
        assertEquals(0, debug.code(), debug.err());
        assertTrue(debug.err().contains(" INFO AuditService - audit audit-"), debug.err());
    }

    @Test
    void errorsStillReachStderrWhenQuiet() throws Exception {
        Run r = java("audit", dir.resolve("missing").toString(), "--config", config.toString());
        assertEquals(dev.watchman.ExitCode.USAGE, r.code(), "a missing directory is a usage error (PathArgs)");
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("watchman: "), r.err());
    }

    @Test
    void levelComesFromTheCommandLine() {
        assertEquals(Logging.Level.QUIET, Logging.Level.of(List.of("audit", "/etc")));
        assertEquals(Logging.Level.QUIET, Logging.Level.of(List.of("watch", "/etc", "--count", "1")));
        assertEquals(Logging.Level.VERBOSE, Logging.Level.of(List.of("serve")));
        assertEquals(Logging.Level.VERBOSE, Logging.Level.of(List.of("compliance", "--verbose")));
        assertEquals(Logging.Level.DEBUG, Logging.Level.of(List.of("serve", "--verbose", "--debug")));
    }
}
