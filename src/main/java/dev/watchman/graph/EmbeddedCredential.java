package dev.watchman.graph;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import dev.watchman.fs.PrivateFile;
import java.nio.file.Path;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.dbms.api.DatabaseManagementService;

/**
 * The password of the embedded DBMS's {@code neo4j} user: 32 random bytes, generated on first use
 * and kept in {@code data_dir/neo4j-password} (mode 0600). Whoever can read that file — the user
 * that runs {@code serve}, and root — can use the graph; nobody else on the machine can, over Bolt,
 * HTTP or Browser.
 */
final class EmbeddedCredential {
    static final String FILE = "neo4j-password";
    static final String USER = "neo4j";

    private EmbeddedCredential() {
    }

    /** The password, created when {@code data_dir} has none yet. */
    static String load(Path dataDir) {
        try {
            return PrivateFile.token(dataDir.resolve(FILE), 8);
        } catch (PrivateFile.Failure e) {
            throw new WatchmanException(e.denied() ? ExitCode.GRAPH : ExitCode.IO,
                    "cannot read the embedded Neo4j's password: " + e.getMessage()
                            + (e.denied() ? "; run this command as that user (or root)" : ""), e);
        }
    }

    /**
     * Makes {@code password} the {@code neo4j} user's, replacing the default {@code neo4j/neo4j} of a
     * new store (or of one made before auth was on). Runs in-process, which needs no login.
     *
     * @return true when the password changed, false when it was this one already (the usual case)
     */
    static boolean apply(DatabaseManagementService dbms, String password) {
        try {
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER " + USER + " SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
            return true;
        } catch (RuntimeException e) {
            // Neo4j refuses to "change" a password to the one it already has.
            if (String.valueOf(Graph.rootCause(e).getMessage()).contains("cannot be the same")) {
                return false;
            }
            throw new WatchmanException(ExitCode.GRAPH, "cannot set the embedded Neo4j's password: "
                    + Graph.rootCause(e).getMessage(), e);
        }
    }
}
