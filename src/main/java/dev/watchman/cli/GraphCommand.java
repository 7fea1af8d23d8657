package dev.watchman.cli;

import dev.watchman.app.Application;
import dev.watchman.config.Config;
import dev.watchman.config.ConfigLoader;
import dev.watchman.graph.Backend;
import dev.watchman.host.HostIdentity;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every command that talks to the graph: loads the config, opens the backend (external,
 * the running serve, or the embedded store in-process) and the {@link Application} on it, runs,
 * closes. Exceptions are mapped to
 * exit codes in {@link Main}.
 */
abstract class GraphCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        checkArguments();
        Config config = new ConfigLoader(System.getenv()).load(common.config);
        Backend backend = Backend.forCommand(config, new PrintStream(System.err, true));
        try (Application app = Application.open(config, backend, HostIdentity.detect(config.host()))) {
            return run(new Context(app, out(), err()));
        }
    }

    /**
     * Checks what can be checked from the arguments alone (paths, numbers), before the config is
     * loaded and a graph opened: a bad argument never waits for an embedded Neo4j to start.
     */
    void checkArguments() {
    }

    abstract int run(Context ctx);

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    record Context(Application app, PrintWriter out, PrintWriter err) {
        Config config() {
            return app.config();
        }

        Backend backend() {
            return app.backend();
        }

        HostIdentity host() {
            return app.host();
        }

        dev.watchman.graph.Graph graph() {
            return app.graph();
        }
    }
}
