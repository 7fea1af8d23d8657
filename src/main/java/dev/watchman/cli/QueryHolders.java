package dev.watchman.cli;

import dev.watchman.graph.Queries;

/**
 * Every class that names statements in cypher/, loaded at start-up so that a missing file stops
 * the program at once instead of at first use. A test checks that every {@code Query.of} in the
 * sources names an existing file, so a holder missing from this list is caught too.
 */
final class QueryHolders {
    static final String[] HOLDERS = {
        "dev.watchman.graph.ConfigFileRow",
        "dev.watchman.graph.EventRow",
        "dev.watchman.host.HostService",
        "dev.watchman.query.StatusService",
        "dev.watchman.query.QueryService",
        "dev.watchman.snapshot.SnapshotStore",
        "dev.watchman.change.ChangeStore",
        "dev.watchman.audit.AuditStore",
        "dev.watchman.pack.PackStore",
    };

    private QueryHolders() {
    }

    static void verify() {
        Class<?>[] classes = new Class<?>[HOLDERS.length];
        for (int i = 0; i < HOLDERS.length; i++) {
            try {
                classes[i] = Class.forName(HOLDERS[i], false, QueryHolders.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("query holder class missing: " + HOLDERS[i], e);
            }
        }
        Queries.verify(classes);
    }
}
