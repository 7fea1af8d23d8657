package dev.watchman.audit;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import dev.watchman.fs.PrivateFile;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * The installation's fingerprint salt: 32 random bytes in {@code data_dir/secret-salt}, mode 0600,
 * created on first use. Without it a fingerprint of a short password could be brute-forced from
 * the graph; with it, the same secret still gets the same fingerprint in every audit.
 */
final class Salt {
    static final String FILE = "secret-salt";
    static final int BYTES = 32;

    private Salt() {
    }

    static byte[] load(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        byte[] salt;
        try {
            salt = PrivateFile.readOrCreate(file, () -> {
                byte[] fresh = new byte[BYTES];
                new SecureRandom().nextBytes(fresh);
                return fresh;
            });
        } catch (PrivateFile.Failure e) {
            throw new WatchmanException(ExitCode.IO, "cannot read or create the fingerprint salt: " + e.getMessage(), e);
        }
        if (salt.length != BYTES) {
            throw new WatchmanException(ExitCode.IO, file + ": holds " + salt.length + " bytes, expected " + BYTES
                    + "; remove it to start a new salt (earlier fingerprints will then no longer match)");
        }
        return salt;
    }
}
