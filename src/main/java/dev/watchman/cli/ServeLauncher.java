package dev.watchman.cli;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Gives {@code serve} a bounded heap. {@code java -jar} leaves the JVM free to grow to a quarter
 * of the machine's memory (6 GiB on 24), and the embedded Neo4j will use it; a manifest cannot
 * carry -Xmx. So when no heap limit was given, serve starts itself again as a child JVM with
 * {@code -Xmx} from {@code [neo4j] heap} and relays signals and the exit code.
 */
final class ServeLauncher {
    static final String CHILD_PROPERTY = "watchman.serve.child";

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

    /** Runs serve in a child JVM with {@code -Xmx<heap>} and returns its exit code. */
    static int relaunch(String heap, String[] args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        cmd.add("-D" + CHILD_PROPERTY + "=true");
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
