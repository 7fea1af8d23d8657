package dev.watchman.cli;

import dev.watchman.graph.TestGraph;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one way tests drive the CLI in-process: {@link Main#run} with stdout, stderr and the SLF4J
 * log (which slf4j-simple writes to whatever System.err is at each call) captured apart.
 * ({@code LoggingIT} runs a fresh JVM instead, because the log level is fixed per JVM.)
 */
public final class Cli {
    static {
        // Our own loggers at info, so "absent from the logs" is checked against real log lines.
        System.setProperty("org.slf4j.simpleLogger.log.dev.watchman", "info");
    }

    public record Result(int code, String out, String err, String log) {
        /** Everything the command printed or logged, to check that a secret appears nowhere. */
        public String all() {
            return out + "\n" + err + "\n" + log;
        }
    }

    private Cli() {
    }

    /**
     * A config for the shared test graph with its own data dir; {@code extraToml} adds tables
     * (e.g. {@code [packs]}), the host id is fixed so tests can find their :Host.
     */
    public static Path config(Path dir, String hostId, String extraToml) throws IOException {
        String pw = TestGraph.password() == null ? "" : "password = \"" + TestGraph.password() + "\"\n";
        return Files.writeString(dir.resolve("watchman.toml"), "data_dir = \"" + dir.resolve("data") + "\"\n"
                + "[neo4j]\nuri = \"" + TestGraph.uri() + "\"\n" + pw
                + "[host]\nid = \"" + hostId + "\"\n" + extraToml);
    }

    public static synchronized Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        } finally {
            System.setErr(saved);
        }
        return new Result(code, out.toString(), err.toString(), log.toString(StandardCharsets.UTF_8));
    }

    /** {@link #run} with {@code --config config} appended. */
    public static Result run(Path config, String... args) {
        String[] full = new String[args.length + 2];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "--config";
        full[args.length + 1] = config.toString();
        return run(full);
    }
}
