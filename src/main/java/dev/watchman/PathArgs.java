package dev.watchman;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * One rule for every path a command is given: a path that does not exist, or a file where a
 * directory is wanted, is a bad argument (exit 2, one line naming the argument and the path).
 * A path that exists but cannot be read is a local I/O error and is left to the reader (exit 7).
 */
public final class PathArgs {
    private PathArgs() {
    }

    /**
     * @param what the argument as the user knows it, e.g. {@code "snapshot DIR"} or {@code "--root"}
     * @return {@code path}, absolute and normalised
     */
    public static Path directory(Path path, String what) {
        Path p = path.toAbsolutePath().normalize();
        BasicFileAttributes attrs = attributes(p, what, "no such directory");
        if (attrs != null && !attrs.isDirectory()) {
            throw new WatchmanException(ExitCode.USAGE, what + " " + p + ": not a directory; give a directory");
        }
        return p;
    }

    /** A file or a directory that must exist (what {@code watch} takes). */
    public static Path existing(Path path, String what) {
        Path p = path.toAbsolutePath().normalize();
        attributes(p, what, "no such file or directory");
        return p;
    }

    /** The attributes (following a symlink, as every command does for its argument); null if unknowable. */
    private static BasicFileAttributes attributes(Path p, String what, String missing) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new WatchmanException(ExitCode.USAGE, what + " " + p + ": " + missing);
        } catch (IOException e) {
            // e.g. a parent that may not be searched: the command's own read reports it (exit 7).
            return null;
        }
    }
}
