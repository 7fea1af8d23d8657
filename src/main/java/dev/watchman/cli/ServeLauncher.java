package dev.watchman.cli;

import dev.watchman.ExitCode;
import dev.watchman.Threads;
import dev.watchman.WatchmanException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives {@code serve} a bounded heap. {@code java -jar} leaves the JVM free to grow to a quarter
 * of the machine's memory (6 GiB on 24), and the embedded Neo4j will use it; a manifest cannot
 * carry -Xmx. So when no heap limit was given, serve starts itself again as a child JVM with
 * {@code -Xmx} from {@code [neo4j] heap} and relays signals and the exit code. A launcher killed
 * outright (SIGKILL, OOM killer) relays nothing, so the child watches it and stops by itself.
 */
final class ServeLauncher {
    static final String CHILD_PROPERTY = "watchman.serve.child";
    /** The launcher's pid, given to the child so it can stop when the launcher is gone. */
    static final String PARENT_PROPERTY = "watchman.serve.parent";
    private static final Logger LOG = LoggerFactory.getLogger(ServeLauncher.class);
    /** What the JVM exits with on SIGTERM (128 + 15); the child stops the same way, so the same code. */
    private static final int SIGTERM_EXIT = 143;

    private ServeLauncher() {
    }

    static boolean heapGiven() {
        if (System.getProperty(CHILD_PROPERTY) != null) {
            return true;
        }
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-Xmx") || a.startsWith("-XX:MaxHeapSize") || a.startsWith("-XX:MaxRAM")) {
                return true;
            }
        }
        return false;
    }

    /**
     * In the child: when the launcher named by {@link #PARENT_PROPERTY} exits, stop as on SIGTERM
     * (the shutdown hooks close the store and release its lock) instead of serving on as an orphan
     * that holds the store and the ports against the next serve. Does nothing outside a child.
     */
    static void stopWithLauncher() {
        String parent = System.getProperty(PARENT_PROPERTY);
        if (parent == null) {
            return;
        }
        long pid = Long.parseLong(parent);
        // parent() checks start times, so a reused pid is not taken for the launcher; empty or
        // another pid means the launcher is gone already and this JVM was reparented.
        Optional<ProcessHandle> launcher = ProcessHandle.current().parent().filter(p -> p.pid() == pid);
        Threads.thread("launcher-watch", () -> {
            // For a process that is not our child the JDK polls its liveness, at most every 5 s.
            launcher.ifPresent(p -> p.onExit().join());
            LOG.warn("the serve launcher (pid {}) is gone; stopping", pid);
            System.exit(SIGTERM_EXIT);
        }).start();
    }

    /** Runs serve in a child JVM with {@code -Xmx<heap>} and returns its exit code. */
    static int relaunch(String heap, String[] args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        cmd.add("-D" + CHILD_PROPERTY + "=true");
        cmd.add("-D" + PARENT_PROPERTY + "=" + ProcessHandle.current().pid());
        cmd.add("--add-opens");
        cmd.add("java.base/sun.nio.fs=ALL-UNNAMED");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        Process child;
        try {
            child = new ProcessBuilder(cmd).inheritIO().start();
        } catch (IOException e) {
            throw new WatchmanException(ExitCode.INTERNAL, "cannot start the serve JVM: " + e.getMessage(), e);
        }
        Thread relay = new Thread(() -> {
            // SIGTERM/SIGINT to this process: pass it on and wait for the clean shutdown.
            if (child.isAlive()) {
                child.destroy();
                try {
                    child.waitFor(90, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "watchman-serve-relay");
        Runtime.getRuntime().addShutdownHook(relay);
        try {
            return child.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.destroy();
            return ExitCode.INTERNAL;
        }
    }
}
