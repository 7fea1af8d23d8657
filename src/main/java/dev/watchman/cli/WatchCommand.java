package dev.watchman.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.watchman.ExitCode;
import dev.watchman.PathArgs;
import dev.watchman.WatchmanException;
import dev.watchman.change.ChangeEvent;
import dev.watchman.change.WatchSession;
import dev.watchman.config.Config;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Watches files and directories (recursively) in the foreground, records each change as an "
                + "event in the graph and prints it once recorded. Ctrl-C stops.",
                "Changes made since the last watch of a path are found at start (detectedAtStartup)."})
final class WatchCommand extends GraphCommand {
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or directories to watch.")
    List<Path> paths;

    @Option(names = "--mode", paramLabel = "MODE", description = "realtime (inotify) or poll (default: [watch] mode).")
    String mode;

    @Option(names = "--count", paramLabel = "N", description = "Stop after N events have been recorded (N >= 1).")
    Long count;

    @Mixin
    Options.Json json;

    @Override
    void checkArguments() {
        if (count != null && count < 1) {
            throw new WatchmanException(ExitCode.USAGE, "--count " + count
                    + " is not a number of events; give N >= 1, or leave --count out to watch until Ctrl-C");
        }
        // A path that does not exist would be watched forever without a word.
        paths.forEach(p -> PathArgs.existing(p, "watch PATH"));
    }

    @Override
    int run(Context ctx) {
        Config.Watch w = ctx.config().watch();
        Config.Watch.Mode m = mode == null ? w.mode() : Config.Watch.Mode.parse(mode);
        if (m == null) {
            throw new WatchmanException(ExitCode.USAGE, "--mode '" + mode + "' is not a mode; use realtime or poll");
        }
        Config.Watch settings = new Config.Watch(paths.stream().map(Path::toString).toList(), m, w.intervalSeconds(),
                w.debounceMillis(), w.exclude());
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        AtomicLong printed = new AtomicLong();
        PrintWriter out = ctx.out();
        WatchSession session = WatchSession.start(ctx::graph, ctx.host().id(), settings,
                ctx.config().dataDir().resolve("queue").resolve("watch"),
                s -> s.writer().onWritten(batch -> {
                    synchronized (out) {
                        for (ChangeEvent e : batch) {
                            out.println(json.on ? jsonLine(e) : line(e));
                            if (count != null && printed.incrementAndGet() >= count) {
                                stop.countDown();
                            }
                        }
                        out.flush();
                    }
                }));
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                finished.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "watchman-watch-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        ctx.err().println("watching " + session.watcher().roots() + " (" + m.label() + "); events go to "
                + ctx.graph().uri() + "; Ctrl-C stops");
        ctx.err().flush();
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            session.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the JVM halts once the hook returns, before the caller would close the
                // backend; close it here so an in-process store shuts down cleanly.
                ctx.backend().close();
            }
            finished.countDown();
        }
        return ExitCode.OK;
    }

    static String line(ChangeEvent e) {
        String changes = e.changes().isEmpty() ? "" : "  (" + String.join(", ", e.changes()) + ")";
        return e.at() + "  " + e.changeType().label() + "  " + Output.escape(e.path()) + changes
                + (e.detectedAtStartup() ? "  [changed while not watched]" : "");
    }

    static String jsonLine(ChangeEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("at", e.at().toString());
        m.put("changeType", e.changeType().label());
        m.put("path", e.path());
        m.put("previousHash", e.previousHash());
        m.put("currentHash", e.currentHash());
        m.put("changes", e.changes());
        m.put("source", e.source());
        m.put("detectedAtStartup", e.detectedAtStartup());
        m.put("hostId", e.hostId());
        try {
            return Output.JSON.copy().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot render JSON: " + ex.getMessage(), ex);
        }
    }
}
