package dev.watchman;

/**
 * A failure the user can act on: one clear line (what, where, how to fix) and a documented exit
 * code. Anything else escaping a command is a bug and exits {@link ExitCode#INTERNAL}.
 */
public class WatchmanException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public WatchmanException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public WatchmanException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
