package dev.watchman.audit;

import dev.watchman.cli.Main;
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
 * Drives the CLI against the test graph and captures stdout, stderr and the SLF4J log (which
 * slf4j-simple writes to whatever System.err is at the time of each call).
 */
public final class CliRun {
    static {
        // Our own loggers at info, so "absent from the logs" is checked against real log lines.
        System.setProperty("org.slf4j.simpleLogger.log.dev.watchman", "info");
    }

    public record Result(int code, String out, String err, String log) {
        public String all() {
            return out + "\n" + err + "\n" + log;
        }
    }

    private CliRun() {
    }

    /** Writes a config for the test graph with its own data dir and pack dir; the host is fixed. */
    public static Path config(Path dir, Path packDir) throws IOException {
        String pw = TestGraph.password() == null ? "" : "password = \"" + TestGraph.password() + "\"\n";
        return Files.writeString(dir.resolve("watchman.toml"), "data_dir = \"" + dir.resolve("data") + "\"\n"
                + "[neo4j]\nuri = \"" + TestGraph.uri() + "\"\n" + pw
                + "[host]\nid = \"audit-host\"\nname = \"audit-box\"\n"
                + "[packs]\ndir = \"" + packDir + "\"\n");
    }

    public static synchronized Result run(Path config, String... args) {
        String[] full = new String[args.length + 2];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "--config";
        full[args.length + 1] = config.toString();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), full);
        } finally {
            System.setErr(saved);
        }
        return new Result(code, out.toString(), err.toString(), log.toString(StandardCharsets.UTF_8));
    }
}
