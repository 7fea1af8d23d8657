package dev.watchman.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "watchman", mixinStandardHelpOptions = true, versionProvider = WatchmanCommand.Version.class,
        description = "Records what happens on this machine into a Neo4j graph: file snapshots, drift, "
                + "change events, audits.",
        subcommands = {ServeCommand.class, StatusCommand.class, QueryCommand.class, SnapshotCommand.class,
                SnapshotsCommand.class, DriftCommand.class, AuditCommand.class, PacksCommand.class, ComplianceCommand.class,
                ChangesCommand.class, WatchCommand.class, CheckCommand.class, AlertsCommand.class,
                SilenceCommand.class, HostCommand.class, JobsCommand.class,
                NotificationsCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success (drift: none; audit: compliant)", "1:found something (drift present; audit non-compliant)",
                "2:usage or input error (flag, config file, pack)", "3:Neo4j unreachable or a graph operation failed",
                "4:not found (snapshot id, pack, host)", "5:refused (incomplete snapshot, ...)",
                "6:embedded store held by another process", "7:local I/O error", "70:internal error (a bug)"})
final class WatchmanCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = WatchmanCommand.class.getResourceAsStream("/watchman-version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"watchman " + p.getProperty("version", "unknown"),
                    "Java " + System.getProperty("java.version") + ", Neo4j 5.26 embedded, GPL-3.0-or-later"};
        }
    }
}
