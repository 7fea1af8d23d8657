package dev.watchman.graph;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;
import org.neo4j.driver.Record;
import org.neo4j.driver.Result;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.AuthenticationException;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.driver.types.Node;
import org.neo4j.driver.types.Path;
import org.neo4j.driver.types.Relationship;

/**
 * The only door to Neo4j. Everything else hands it a named statement and parameters and gets rows
 * back as plain Java values (String, Long, Double, Boolean, List, Map, java.time types).
 */
public final class Graph implements AutoCloseable {
    private final Driver driver;
    private final String uri;
    private final SessionConfig writeConfig;
    private final SessionConfig readConfig;

    private Graph(Driver driver, String uri, String database) {
        this.driver = driver;
        this.uri = uri;
        SessionConfig.Builder w = SessionConfig.builder().withDefaultAccessMode(AccessMode.WRITE);
        SessionConfig.Builder r = SessionConfig.builder().withDefaultAccessMode(AccessMode.READ);
        if (database != null) {
            w.withDatabase(database);
            r.withDatabase(database);
        }
        this.writeConfig = w.build();
        this.readConfig = r.build();
    }

    /**
     * Connects and verifies the connection.
     *
     * @param password null means no authentication
     * @throws WatchmanException exit code 3, naming the URI and the cause
     */
    public static Graph connect(String uri, String username, String password, String database, Duration timeout) {
        AuthToken auth = password == null ? AuthTokens.none() : AuthTokens.basic(username, password);
        org.neo4j.driver.Config cfg = org.neo4j.driver.Config.builder()
                .withConnectionTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .withMaxTransactionRetryTime(15, TimeUnit.SECONDS)
                .withLogging(Logging.none())
                .withUserAgent("watchman")
                .build();
        Driver d;
        try {
            d = GraphDatabase.driver(uri, auth, cfg);
        } catch (IllegalArgumentException e) {
            throw new WatchmanException(ExitCode.USAGE, "Neo4j URI " + uri + " is not valid: " + e.getMessage(), e);
        }
        try {
            d.verifyConnectivity();
        } catch (AuthenticationException e) {
            d.close();
            throw new CredentialsRejected("Neo4j at " + uri + " refused the credentials for user '"
                    + username + "'; set [neo4j] username/password or NEO4J_USERNAME/NEO4J_PASSWORD", e);
        } catch (RuntimeException e) {
            d.close();
            throw new WatchmanException(ExitCode.GRAPH, "cannot reach Neo4j at " + uri + ": " + cause(e), e);
        }
        return new Graph(d, uri, database);
    }

    /** The server answered and said no to the credentials (exit code 3, like any graph failure). */
    public static final class CredentialsRejected extends WatchmanException {
        private static final long serialVersionUID = 1L;

        CredentialsRejected(String message, Throwable cause) {
            super(ExitCode.GRAPH, message, cause);
        }
    }

    public String uri() {
        return uri;
    }

    public List<Map<String, Object>> read(Query q, Map<String, Object> params) {
        return call(() -> {
            try (Session s = driver.session(readConfig)) {
                return s.executeRead(tx -> rows(tx.run(q.text(), params)));
            }
        }, q.name());
    }

    public List<Map<String, Object>> write(Query q, Map<String, Object> params) {
        return call(() -> {
            try (Session s = driver.session(writeConfig)) {
                return s.executeWrite(tx -> rows(tx.run(q.text(), params)));
            }
        }, q.name());
    }

    /** Several statements in one write transaction; retried as a whole on transient errors. */
    public <T> T inWrite(Function<Tx, T> work) {
        return call(() -> {
            try (Session s = driver.session(writeConfig)) {
                return s.executeWrite(tx -> work.apply((q, p) -> rows(tx.run(q.text(), p))));
            }
        }, "transaction");
    }

    /**
     * Runs {@code q} once per batch of {@code rows} ({@code $rows} in the statement, {@link Batches#SIZE}
     * each), each batch in its own transaction, Cartography style. {@code params} go to every batch.
     */
    public void writeBatched(Query q, List<? extends Row> rows, Map<String, Object> params) {
        inWriteBatches(rows, (tx, batch) -> tx.runBatch(q, batch, params));
    }

    /**
     * Splits {@code items} into batches of {@link Batches#SIZE} and runs {@code work} on each in its
     * own write transaction: several statements over one batch commit or fail together.
     */
    public <T> void inWriteBatches(List<T> items, BiConsumer<Tx, List<T>> work) {
        for (List<T> batch : Batches.split(items)) {
            inWrite(tx -> {
                work.accept(tx, batch);
                return null;
            });
        }
    }

    /**
     * Runs user-supplied Cypher in a read-only transaction: the server rejects any write.
     *
     * @throws WatchmanException exit code 2 for a Cypher error, naming it
     */
    public List<Map<String, Object>> readOnly(String cypher, Map<String, Object> params, Duration timeout) {
        return readOnlyTable(cypher, params, timeout).rows();
    }

    /** As {@link #readOnly}, with the statement's column names (known even when no row comes back). */
    public Table readOnlyTable(String cypher, Map<String, Object> params, Duration timeout) {
        try (Session s = driver.session(readConfig)) {
            TransactionConfig tc = TransactionConfig.builder().withTimeout(timeout).build();
            return s.executeRead(tx -> {
                Result result = tx.run(cypher, params);
                List<String> columns = result.keys();
                return new Table(columns, rows(result));
            }, tc);
        } catch (ClientException e) {
            throw new WatchmanException(ExitCode.USAGE, "query rejected by Neo4j: " + firstLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            throw translate(e, "query");
        }
    }

    /** Applies {@code cypher/schema/*} (constraints and indexes, IF NOT EXISTS) in file order. */
    public void applySchema() {
        for (Map.Entry<String, String> e : Cypher.folder("schema").entrySet()) {
            for (String stmt : stripComments(e.getValue()).split(";")) {
                String s = stmt.strip();
                if (!s.isBlank()) {
                    call(() -> {
                        try (Session session = driver.session(writeConfig)) {
                            session.run(s).consume();
                        }
                        return null;
                    }, e.getKey());
                }
            }
        }
        call(() -> {
            try (Session session = driver.session(writeConfig)) {
                session.run("CALL db.awaitIndexes(300)").consume();
            }
            return null;
        }, "db.awaitIndexes");
    }

    /** Auto-commit statement, for tests only (wiping between tests needs CALL … IN TRANSACTIONS). */
    void autoCommit(String cypher) {
        try (Session s = driver.session(writeConfig)) {
            s.run(cypher).consume();
        }
    }

    @Override
    public void close() {
        driver.close();
    }

    private static String stripComments(String stmt) {
        StringBuilder b = new StringBuilder();
        for (String line : stmt.split("\n")) {
            if (!line.strip().startsWith("//")) {
                b.append(line).append('\n');
            }
        }
        return b.toString().strip();
    }

    private <T> T call(java.util.function.Supplier<T> work, String what) {
        try {
            return work.get();
        } catch (WatchmanException e) {
            throw e;
        } catch (RuntimeException e) {
            throw translate(e, what);
        }
    }

    private WatchmanException translate(RuntimeException e, String what) {
        if (e instanceof ServiceUnavailableException || e instanceof SessionExpiredException) {
            return new WatchmanException(ExitCode.GRAPH, "lost Neo4j at " + uri + " during " + what + ": "
                    + cause(e), e);
        }
        if (e instanceof Neo4jException n) {
            return new WatchmanException(ExitCode.GRAPH, "Neo4j at " + uri + " failed " + what + ": "
                    + n.code() + " " + firstLine(n.getMessage()), e);
        }
        return new WatchmanException(ExitCode.GRAPH, "Neo4j at " + uri + " failed " + what + ": " + cause(e), e);
    }

    static Throwable rootCause(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    private static String cause(Throwable e) {
        Throwable c = rootCause(e);
        String m = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
        return firstLine(e.getMessage() == null ? m : e.getMessage() + (c != e ? " (" + firstLine(m) + ")" : ""));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static List<Map<String, Object>> rows(Result result) {
        List<Map<String, Object>> out = new ArrayList<>();
        while (result.hasNext()) {
            Record r = result.next();
            Map<String, Object> row = new LinkedHashMap<>();
            for (String k : r.keys()) {
                row.put(k, plain(r.get(k)));
            }
            out.add(row);
        }
        return out;
    }

    /** Driver values to plain Java; nodes and relationships become maps so no driver type leaks. */
    static Object plain(Value v) {
        if (v == null || v.isNull()) {
            return null;
        }
        switch (v.type().name()) {
            case "NODE": {
                Node n = v.asNode();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("_labels", toList(n.labels()));
                n.keys().forEach(k -> m.put(k, plain(n.get(k))));
                return m;
            }
            case "RELATIONSHIP": {
                Relationship rel = v.asRelationship();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("_type", rel.type());
                rel.keys().forEach(k -> m.put(k, plain(rel.get(k))));
                return m;
            }
            case "PATH": {
                Path p = v.asPath();
                List<Object> out = new ArrayList<>();
                p.nodes().forEach(n -> out.add(plain(org.neo4j.driver.Values.value(n))));
                return out;
            }
            case "LIST": {
                List<Object> out = new ArrayList<>();
                v.values().forEach(e -> out.add(plain(e)));
                return out;
            }
            case "MAP": {
                Map<String, Object> m = new LinkedHashMap<>();
                v.keys().forEach(k -> m.put(k, plain(v.get(k))));
                return m;
            }
            default:
                return v.asObject();
        }
    }

    private static List<String> toList(Iterable<String> it) {
        List<String> out = new ArrayList<>();
        it.forEach(out::add);
        return out;
    }
}
