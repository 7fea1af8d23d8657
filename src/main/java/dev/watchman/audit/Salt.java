package dev.watchman.audit;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The installation's fingerprint salt: 32 random bytes in {@code data_dir/secret-salt}, mode 0600,
 * created on first use. Without it a fingerprint of a short password could be brute-forced from
 * the graph; with it, the same secret still gets the same fingerprint in every audit.
 */
final class Salt {
    static final String FILE = "secret-salt";
    static final int BYTES = 32;
    private static final Logger LOG = LoggerFactory.getLogger(Salt.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private Salt() {
    }

    static byte[] load(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                create(dataDir, file);
            }
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new WatchmanException(ExitCode.IO, file + ": the fingerprint salt must be a regular file");
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(perms)) {
                LOG.warn("{} was readable by others ({}); tightened to 0600", file, PosixFilePermissions.toString(perms));
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
            byte[] salt = Files.readAllBytes(file);
            if (salt.length != BYTES) {
                throw new WatchmanException(ExitCode.IO, file + ": holds " + salt.length + " bytes, expected " + BYTES
                        + "; remove it to start a new salt (earlier fingerprints will then no longer match)");
            }
            return salt;
        } catch (IOException e) {
            throw new WatchmanException(ExitCode.IO, file + ": cannot read or create the fingerprint salt: "
                    + e.getMessage(), e);
        }
    }

    /** Written to a 0600 temp file, then linked into place: a concurrent first audit uses one salt, never half of one. */
    private static void create(Path dataDir, Path file) throws IOException {
        Files.createDirectories(dataDir);
        byte[] salt = new byte[BYTES];
        new SecureRandom().nextBytes(salt);
        Path tmp = Files.createTempFile(dataDir, ".secret-salt-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            Files.write(tmp, salt);
            try {
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException e) {
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
        LOG.info("created fingerprint salt {}", file);
    }
}
