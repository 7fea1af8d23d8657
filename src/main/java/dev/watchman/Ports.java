package dev.watchman;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

/**
 * The ports serve listens on, checked before anything starts so a clash is one line naming the
 * address, what wanted it and the config key to change, not a library's "bind(..) failed". A
 * server that loses the race anyway maps its bind failure through {@link #explain}.
 */
public final class Ports {
    /**
     * Something serve listens on.
     *
     * @param what    shown to the user: "Neo4j Bolt", "Neo4j Browser (HTTP)", "the API"
     * @param portKey the config key that moves it, e.g. {@code [neo4j] bolt_port}
     */
    public record Listener(String what, String host, int port, String portKey) {
        String address() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    private Ports() {
    }

    /** Fails with {@link ExitCode#IO} for the first listener whose address cannot be bound now. */
    public static void requireFree(List<Listener> listeners) {
        check(listeners, null);
    }

    private static void check(List<Listener> listeners, Throwable cause) {
        for (Listener l : listeners) {
            if (l.port() == 0) {
                continue;
            }
            try (ServerSocket s = new ServerSocket()) {
                // As the servers do: a port left in TIME_WAIT by a stopped serve is free to reuse.
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(l.host(), l.port()), 1);
            } catch (IOException e) {
                throw failure(l, e, cause == null ? e : cause);
            }
        }
    }

    /**
     * When {@code failure} is a server failing to bind, the one-line error for the listener whose
     * port is taken (checked again now, so the message names the right one); otherwise null.
     */
    public static WatchmanException explain(Throwable failure, List<Listener> listeners) {
        if (!isBindFailure(failure)) {
            return null;
        }
        try {
            check(listeners, failure);
        } catch (WatchmanException named) {
            return named;
        }
        return null;
    }

    static boolean isBindFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            // Netty's native transport reports "bind(..) failed ...: Address already in use" as a
            // plain IOException, Neo4j and the JDK as a BindException.
            if (c instanceof BindException || (c.getMessage() != null && c.getMessage().contains("already in use"))) {
                return true;
            }
        }
        return false;
    }

    private static WatchmanException failure(Listener l, IOException e, Throwable cause) {
        String why = e.getMessage() == null ? e.toString() : e.getMessage();
        if (why.contains("already in use")) {
            return new WatchmanException(ExitCode.IO, "cannot listen on " + l.address() + " for " + l.what()
                    + ": the port is already in use by another process; set " + l.portKey()
                    + " to a free port, or stop what holds it (ss -ltnp 'sport = :" + l.port() + "')", cause);
        }
        return new WatchmanException(ExitCode.IO, "cannot listen on " + l.address() + " for " + l.what() + ": " + why
                + "; check " + l.portKey() + " and the address", cause);
    }
}
