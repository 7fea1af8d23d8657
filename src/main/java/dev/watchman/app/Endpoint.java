package dev.watchman.app;

/**
 * Something {@code serve} starts on top of the application and stops before it: the HTTP API
 * today, the dashboard tomorrow. Implementations are found with {@link java.util.ServiceLoader}
 * (listed in {@code META-INF/services/dev.watchman.app.Endpoint}), so the application does not
 * depend on the adapters that serve it.
 */
public interface Endpoint {
    /** A short name for the ready line and the logs, e.g. {@code api}. */
    String name();

    /** Starts serving; null when the config switches this endpoint off. */
    Running start(Application app);

    /** A started endpoint: where it listens, and how it stops. */
    interface Running extends AutoCloseable {
        /** Where it answers, e.g. {@code http://127.0.0.1:7480/api/}. */
        String address();

        @Override
        void close();

        /** A started endpoint answering at {@code address} and stopped by {@code stop}. */
        static Running of(String address, Runnable stop) {
            return new Running() {
                @Override
                public String address() {
                    return address;
                }

                @Override
                public void close() {
                    stop.run();
                }
            };
        }
    }
}
