package dev.watchman.graph;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import java.nio.file.Path;
import java.time.Duration;
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

/**
 * An in-process Neo4j 5.26 Community DBMS on loopback. Auth is off because nothing but this
 * machine can reach it; an external server is the choice when others must.
 */
final class EmbeddedNeo4j implements AutoCloseable {
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
     */
    static EmbeddedNeo4j start(Path storeDir, int boltPort, Integer httpPort, String pageCache) {
        DatabaseManagementServiceBuilder b = new DatabaseManagementServiceBuilder(storeDir)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
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
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", boltPort))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", boltPort))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                // Bolt otherwise waits out Netty's graceful-shutdown window (~10 s) on every stop.
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(HttpConnector.enabled, httpPort != null);
        if (httpPort != null) {
            b.setConfig(HttpConnector.listen_address, new SocketAddress("127.0.0.1", httpPort))
                    .setConfig(HttpConnector.advertised_address, new SocketAddress("127.0.0.1", httpPort));
        }
        DatabaseManagementService dbms;
        try {
            dbms = b.build();
        } catch (RuntimeException e) {
            throw new WatchmanException(ExitCode.GRAPH, "cannot start the embedded Neo4j in " + storeDir + ": "
                    + rootMessage(e), e);
        }
        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(Duration.ofMinutes(3).toMillis())) {
            dbms.shutdown();
            throw new WatchmanException(ExitCode.GRAPH, "the embedded Neo4j in " + storeDir
                    + " did not become available within 3 minutes; see " + storeDir.resolve("logs"));
        }
        return new EmbeddedNeo4j(dbms, boltPort, httpPort);
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
