package dev.watchman.graph;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import java.nio.file.Path;
import inet.ipaddr.IPAddressString;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process Neo4j 5.26 Community DBMS on loopback. Loopback is not private: every user of the
 * machine reaches it. So authentication is on, with the generated password of
 * {@link EmbeddedCredential}, and Cypher cannot touch the server's files or network: no
 * {@code LOAD CSV} from {@code file:} URLs (which would read root's files for anyone) and none from
 * any address over HTTP.
 */
final class EmbeddedNeo4j implements AutoCloseable {
    /** In the store directory once the neo4j user has our password: later starts open the connectors at once. */
    static final String PROVISIONED = "watchman-password-set";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedNeo4j.class);
    private final DatabaseManagementService dbms;
    private final int boltPort;
    private final Integer httpPort;

    private EmbeddedNeo4j(DatabaseManagementService dbms, int boltPort, Integer httpPort) {
        this.dbms = dbms;
        this.boltPort = boltPort;
        this.httpPort = httpPort;
    }

    /**
     * @param httpPort null for no HTTP connector (a short-lived CLI command needs no Browser)
     * @param password the {@code neo4j} user's, from {@link EmbeddedCredential#load}
     */
    static EmbeddedNeo4j start(Path storeDir, int boltPort, Integer httpPort, String pageCache, String password) {
        // A new store's neo4j user has the default password neo4j, and so has one made before auth
        // was on. Ours is set with no connector open, so nobody can log in with the default first.
        Path provisioned = storeDir.resolve(PROVISIONED);
        if (!Files.exists(provisioned)) {
            DatabaseManagementService closed = build(storeDir, builder(storeDir, pageCache)
                    .setConfig(BoltConnector.enabled, false).setConfig(HttpConnector.enabled, false));
            try {
                EmbeddedCredential.apply(closed, password);
            } finally {
                closed.shutdown();
            }
            try {
                Files.writeString(provisioned, "the neo4j user's password is the one in data_dir/"
                        + EmbeddedCredential.FILE + "\n");
            } catch (IOException e) {
                throw new WatchmanException(ExitCode.IO, "cannot write " + provisioned + ": " + e.getMessage(), e);
            }
        }
        DatabaseManagementService dbms = build(storeDir, open(storeDir, boltPort, httpPort, pageCache));
        try {
            if (EmbeddedCredential.apply(dbms, password)) {
                // The password file was replaced: sessions opened with the old password end here.
                LOG.warn("the embedded Neo4j's password was changed to the one in data_dir/{}; restarting it once "
                        + "so no session with the old one survives", EmbeddedCredential.FILE);
                dbms.shutdown();
                dbms = build(storeDir, open(storeDir, boltPort, httpPort, pageCache));
            }
        } catch (RuntimeException e) {
            dbms.shutdown();
            throw e;
        }
        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(Duration.ofMinutes(3).toMillis())) {
            dbms.shutdown();
            throw new WatchmanException(ExitCode.GRAPH, "the embedded Neo4j in " + storeDir
                    + " did not become available within 3 minutes; see " + storeDir.resolve("logs"));
        }
        return new EmbeddedNeo4j(dbms, boltPort, httpPort);
    }

    /** The settings every start shares: auth on, no server-side file or network access from Cypher. */
    private static DatabaseManagementServiceBuilder builder(Path storeDir, String pageCache) {
        return new DatabaseManagementServiceBuilder(storeDir)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                // No lock-out after failed logins: a 256-bit password needs none, and with one any
                // local user could lock Watchman's own commands out of the graph by failing on purpose.
                .setConfig(GraphDatabaseSettings.auth_max_failed_attempts, 0)
                .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                .setConfig(GraphDatabaseInternalSettings.cypher_ip_blocklist, List.of(
                        new IPAddressString("0.0.0.0/0"), new IPAddressString("::/0")))
                .setConfig(GraphDatabaseSettings.pagecache_memory, parseSize(pageCache))
                // Small machine: cap transaction memory so one huge write cannot take the heap.
                .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, 512L << 20)
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.check_point_interval_time, Duration.ofMinutes(5))
                // An idle serve should cost next to nothing: no JVM pause sampling thread, and the
                // transaction-timeout check every 10 s instead of every 2 s.
                .setConfig(GraphDatabaseInternalSettings.vm_pause_monitor_enabled, false)
                .setConfig(GraphDatabaseSettings.transaction_monitor_check_interval, Duration.ofSeconds(10))
                .setConfig(HttpsConnector.enabled, false);
    }

    /** With Bolt (and HTTP when a port is given) on loopback. */
    private static DatabaseManagementServiceBuilder open(Path storeDir, int boltPort, Integer httpPort, String pageCache) {
        DatabaseManagementServiceBuilder b = builder(storeDir, pageCache)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", boltPort))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", boltPort))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                // Bolt otherwise waits out Netty's graceful-shutdown window (~10 s) on every stop.
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(HttpConnector.enabled, httpPort != null);
        if (httpPort != null) {
            b.setConfig(HttpConnector.listen_address, new SocketAddress("127.0.0.1", httpPort))
                    .setConfig(HttpConnector.advertised_address, new SocketAddress("127.0.0.1", httpPort));
        }
        return b;
    }

    private static DatabaseManagementService build(Path storeDir, DatabaseManagementServiceBuilder b) {
        try {
            return b.build();
        } catch (RuntimeException e) {
            throw new WatchmanException(ExitCode.GRAPH, "cannot start the embedded Neo4j in " + storeDir + ": "
                    + rootMessage(e), e);
        }
    }

    String boltUri() {
        return "bolt://127.0.0.1:" + boltPort;
    }

    Integer httpPort() {
        return httpPort;
    }

    @Override
    public void close() {
        dbms.shutdown();
    }

    static long parseSize(String s) {
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        long mult = 1;
        char last = t.charAt(t.length() - 1);
        if (last == 'k' || last == 'm' || last == 'g') {
            mult = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
            t = t.substring(0, t.length() - 1);
        }
        return Long.parseLong(t) * mult;
    }

    private static String rootMessage(Throwable e) {
        Throwable c = Graph.rootCause(e);
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }
}
