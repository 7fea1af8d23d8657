package dev.watchman;

/** Process exit codes, documented in README ("Exit codes"). */
public final class ExitCode {
    /** Success; for drift: no drift; for audit: compliant. */
    public static final int OK = 0;
    /** The command worked and found something: drift present, audit non-compliant. */
    public static final int FINDINGS = 1;
    /** Usage or input error: unknown command or flag, bad config file, bad pack, bad argument. */
    public static final int USAGE = 2;
    /** Neo4j unreachable or a graph operation failed. */
    public static final int GRAPH = 3;
    /** Something named does not exist: unknown snapshot id, pack, host. */
    public static final int NOT_FOUND = 4;
    /** Refused because of state: snapshot incomplete, pack not assigned, etc. */
    public static final int REFUSED = 5;
    /**
     * The embedded store is held by another process: a second serve, a serve answering on another
     * Bolt port than this command's config, or a holder that did not let go in time.
     */
    public static final int LOCKED = 6;
    /** Local I/O failure: data directory not writable, directory unreadable. */
    public static final int IO = 7;
    /** A bug: an unexpected exception. Run with --debug for the stack trace. */
    public static final int INTERNAL = 70;

    private ExitCode() {
    }
}
