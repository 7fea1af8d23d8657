package dev.watchman.cli;

import dev.watchman.app.Server;
import dev.watchman.config.Config;
import dev.watchman.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs Watchman: the embedded Neo4j (Bolt + Browser) unless [neo4j] uri is set, "
                + "the host heartbeat and the HTTP API. Stops cleanly on SIGTERM/SIGINT."})
final class ServeCommand implements java.util.concurrent.Callable<Integer> {
    @Mixin
    CommonOptions common;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Config config = new ConfigLoader(System.getenv()).load(common.config);
        if (!ServeLauncher.heapGiven()) {
            return ServeLauncher.relaunch(config.neo4j().heap(), spec.commandLine().getParseResult().originalArgs()
                    .toArray(new String[0]));
        }
        ServeLauncher.stopWithLauncher();
        return Server.run(config);
    }
}
