package dev.watchman.source;

/**
 * Something that reads the machine and writes what it found into the graph. Every source has the
 * same four steps, each with one rule, so a new one (packages, services, containers, a remote
 * host) is written by copying an existing one:
 * <ol>
 *   <li>{@link #scan} — I/O only: read what is there (files, a log, a command's output). Errors
 *       propagate: a source that cannot read says so, it never records a partial picture as whole.</li>
 *   <li>{@link #parse} — pure: from what was read to typed rows. No I/O, no graph, no clock but the
 *       one the scan recorded, so it is tested from a string.</li>
 *   <li>{@link #write} — the rows into the graph, batched, one statement per label.</li>
 *   <li>{@link #markStale} — scoped to what this run looked at: what the source recorded before
 *       in that scope and did not see now is closed (a removed file, an uninstalled package),
 *       never deleted, and never anything outside the scope.</li>
 * </ol>
 * {@link SourceRun#run} runs them in that order; nothing is written when scan or parse fails.
 *
 * @param <S> what the scan read
 * @param <P> what parse made of it: the rows and the scope, and whatever the caller reports
 */
public interface Source<S, P> {
    /** For logs and the job table, e.g. {@code snapshot /etc}. */
    String name();

    S scan();

    P parse(S scanned);

    void write(P parsed);

    void markStale(P parsed);
}
