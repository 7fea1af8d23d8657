package dev.watchman.snapshot;

import dev.watchman.ExitCode;
import dev.watchman.PathArgs;
import dev.watchman.WatchmanException;
import dev.watchman.fs.Excludes;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Walks a directory tree and records every object below it ({@link ScannedEntry}), hashing
 * regular files with SHA-256. Symlinks are recorded, never followed; the root itself may be a
 * symlink to a directory. Files whose (dev, inode, size, mtime, ctime) match the
 * {@link ScanOptions#prior() prior} scan keep their old hash unread. Hashing and the walk run on
 * {@link ScanOptions#threads()} threads; each thread reuses one digest and one read buffer, so a
 * file of any size is hashed in constant memory.
 *
 * <p>Problems with single entries never fail the scan: unreadable objects are recorded as
 * {@link ScannedEntry.Kind#UNREADABLE}, objects that vanish are counted and skipped, and files that
 * keep changing while hashed are flagged. Only a root that is missing, not a directory or cannot
 * be listed throws, because an empty result would read as "everything was deleted".
 *
 * <p>Does not stay on one filesystem: exclude {@code /proc}-like mounts with globs. Java cannot
 * open with O_NONBLOCK, so a regular file swapped for a FIFO between lstat and open would block
 * that open; a symlink swapped in is refused (O_NOFOLLOW) and recorded as unreadable.
 */
public final class Scanner {

    static final int DEFAULT_BUFFER = 256 * 1024;

    private final FileOpener opener;
    private final int bufferSize;

    public Scanner() {
        this(FileOpener.DEFAULT, DEFAULT_BUFFER);
    }

    Scanner(FileOpener opener, int bufferSize) {
        if (bufferSize < 4096) {
            throw new IllegalArgumentException("buffer must be at least 4096 bytes");
        }
        this.opener = opener;
        this.bufferSize = bufferSize;
    }

    /**
     * Scans {@code root}.
     *
     * @throws WatchmanException {@link ExitCode#IO} if the root cannot be read,
     *                           {@link ExitCode#USAGE} if it is missing, not a directory or an
     *                           exclude glob is malformed ({@link PathArgs#directory})
     */
    public ScanResult scan(Path root, ScanOptions opts) {
        Excludes matcher = Excludes.of(opts.excludes());
        checkRoot(root);
        return new ScanRun(root, opts, matcher, opener, bufferSize).run();
    }

    /**
     * Fails exactly as {@link #scan} would on an unusable root, before the caller writes anything.
     */
    public static void checkRoot(Path root) {
        PathArgs.directory(root, "snapshot root");
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
            ds.iterator().hasNext();
        } catch (IOException | RuntimeException e) {
            throw rootFailure(root, e);
        }
    }

    static WatchmanException rootFailure(Path root, Exception e) {
        Throwable cause = e.getCause() instanceof IOException io ? io : e;
        return new WatchmanException(ExitCode.IO, "cannot read snapshot root " + root + ": "
                + (cause instanceof IOException io ? reason(io) : cause.toString()), e);
    }

    /** A short human reason, without the path (the entry already names it). */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
