package dev.watchman.graph;

/** Start-up check that every feature's statements exist, before any command runs. */
public final class Queries {
    private Queries() {
    }

    /** Initialises each holder class; a {@link Query#of} naming a missing file throws here. */
    public static void verify(Class<?>... holders) {
        for (Class<?> c : holders) {
            try {
                Class.forName(c.getName(), true, c.getClassLoader());
            } catch (ClassNotFoundException | ExceptionInInitializerError e) {
                Throwable cause = e instanceof ExceptionInInitializerError ? e.getCause() : e;
                throw new IllegalStateException(cause.getMessage(), cause);
            }
        }
    }
}
