package dev.watchman.fs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A secret kept in {@code data_dir}: a regular file of mode 0600, created on first use with
 * content made by the caller. Other users of the machine can neither read it nor swap it for a
 * symlink; a copy that someone loosened is tightened back with a warning.
 */
public final class PrivateFile {
    private static final Logger LOG = LoggerFactory.getLogger(PrivateFile.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** Why a private file could not be had; {@link #denied} when it exists but is not ours to read. */
    public static final class Failure extends IOException {
        private final boolean denied;

        Failure(String message, boolean denied, Throwable cause) {
            super(message, cause);
            this.denied = denied;
        }

        public boolean denied() {
            return denied;
        }
    }

    private PrivateFile() {
    }

    /**
     * The file's bytes, creating it with {@code initial} when absent. Two processes creating it at
     * once end up with the same content: it is written to a 0600 temp file and linked into place,
     * and the loser of the race reads the winner's.
     */
    public static byte[] readOrCreate(Path file, Supplier<byte[]> initial) throws Failure {
        try {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                create(file, initial.get());
            }
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new Failure(file + ": must be a regular file (not a symlink or directory); remove it", false, null);
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            if (!OWNER_ONLY.containsAll(perms)) {
                LOG.warn("{} was readable by others ({}); tightened to 0600", file, PosixFilePermissions.toString(perms));
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
            return Files.readAllBytes(file);
        } catch (Failure e) {
            throw e;
        } catch (AccessDeniedException e) {
            throw new Failure(file + ": permission denied; it belongs to the user that runs watchman serve (mode 0600)",
                    true, e);
        } catch (IOException e) {
            throw new Failure(file + ": " + e.getMessage(), false, e);
        }
    }

    /**
     * A secret made of 32 random bytes (base64url, 43 characters), kept in {@code file}: made on
     * first use, read back afterwards. Content shorter than {@code minChars} (an edited file) is
     * refused with what to do about it.
     */
    public static String token(Path file, int minChars) throws Failure {
        String t = new String(readOrCreate(file, PrivateFile::randomToken), StandardCharsets.US_ASCII).strip();
        if (t.length() < minChars) {
            throw new Failure(file + ": holds no usable secret (fewer than " + minChars + " characters); remove it "
                    + "and restart watchman serve to make a new one", false, null);
        }
        return t;
    }

    private static byte[] randomToken() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return (Base64.getUrlEncoder().withoutPadding().encodeToString(raw) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A directory only its owner may enter: created with mode 0700, or tightened to it (with a
     * warning) when someone left it open to group or others. Data in it (the Neo4j store, whose
     * files Neo4j makes 0644) is then out of other users' reach whatever its own modes.
     */
    public static void directory(Path dir) throws Failure {
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rwx------");
        try {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(dir.toAbsolutePath().getParent());
                try {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(ownerOnly));
                } catch (FileAlreadyExistsException raced) {
                    // Another process made it: checked below like any existing one.
                }
            }
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new Failure(dir + ": must be a directory (not a symlink or file)", false, null);
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
            if (!ownerOnly.containsAll(perms)) {
                LOG.warn("{} was open to other users ({}); tightened to 0700", dir, PosixFilePermissions.toString(perms));
                Files.setPosixFilePermissions(dir, ownerOnly);
            }
        } catch (Failure e) {
            throw e;
        } catch (AccessDeniedException e) {
            throw new Failure(dir + ": permission denied; it belongs to the user that runs watchman serve", true, e);
        } catch (IOException e) {
            throw new Failure(dir + ": " + e.getMessage(), false, e);
        }
    }

    private static void create(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + "-", ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            Files.write(tmp, content);
            try {
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException raced) {
                // Another process created it first: use theirs.
            } catch (UnsupportedOperationException e) {
                // No hard links on this filesystem: a plain move (fails if the file appeared meanwhile).
                try {
                    Files.move(tmp, file);
                } catch (FileAlreadyExistsException raced) {
                    // Theirs again.
                }
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        LOG.info("created {} (mode 0600)", file);
    }
}
