package dev.watchman.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 of file content, as lowercase hex: the one file hasher ({@link dev.watchman.Sha256}
 * hashes in-memory values). An instance owns one digest and one read buffer and reuses them for
 * every file, so a file of any size is hashed in constant memory and nothing is allocated per
 * file but the result; it is not thread-safe, so keep one per thread. {@link #sha256(Path)} does
 * that for callers that hash now and then.
 */
public final class FileHasher {

    /** Buffer of {@link #sha256(Path)}'s per-thread hashers. */
    static final int DEFAULT_BUFFER = 64 * 1024;

    private static final ThreadLocal<FileHasher> PER_THREAD =
            ThreadLocal.withInitial(() -> new FileHasher(DEFAULT_BUFFER));
    /*
     * O_NOFOLLOW: if the file was swapped for a symlink after its lstat we fail instead of hashing
     * whatever the link points at.
     */
    private static final OpenOption[] NOFOLLOW = {StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS};
    private static final OpenOption[] FOLLOW = {StandardOpenOption.READ};

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final MessageDigest md;
    private final byte[] buf;
    private final ByteBuffer bb;
    private long lastBytes;

    /** @param bufferSize read size; at least 4096 */
    public FileHasher(int bufferSize) {
        if (bufferSize < 4096) {
            throw new IllegalArgumentException("buffer must be at least 4096 bytes");
        }
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java 17 runtime ships SHA-256", e);
        }
        buf = new byte[bufferSize];
        bb = ByteBuffer.wrap(buf);
    }

    /** The file at {@code p} itself; a symlink there fails (O_NOFOLLOW) rather than being followed. */
    public static String sha256(Path p) throws IOException {
        return PER_THREAD.get().hashFile(p, NOFOLLOW);
    }

    /** What {@code p} points at when it is a symlink (pack rules about "the file at this path"). */
    public static String sha256Following(Path p) throws IOException {
        return PER_THREAD.get().hashFile(p, FOLLOW);
    }

    /** Opens (O_NOFOLLOW), hashes to end of file, closes. */
    public String hashFile(Path p) throws IOException {
        return hashFile(p, NOFOLLOW);
    }

    private String hashFile(Path p, OpenOption[] options) throws IOException {
        try (FileChannel ch = FileChannel.open(p, options)) {
            return hash(ch, -1);
        }
    }

    /**
     * Hashes what {@code ch} yields. With {@code expectedSize > 0} it stops once that many bytes
     * were read, saving the read() that would return EOF: a caller that lstats again after
     * hashing (the snapshot does) sees growth past that size there and reads again.
     */
    public String hash(ReadableByteChannel ch, long expectedSize) throws IOException {
        md.reset();
        long total = 0;
        while (true) {
            bb.clear();
            int n = ch.read(bb);
            if (n < 0) {
                break;
            }
            md.update(buf, 0, n);
            total += n;
            if (expectedSize > 0 && total >= expectedSize) {
                break;
            }
        }
        lastBytes = total;
        return hex(md.digest());
    }

    private static String hex(byte[] d) {
        char[] out = new char[d.length * 2];
        for (int i = 0; i < d.length; i++) {
            out[2 * i] = HEX[(d[i] >> 4) & 15];
            out[2 * i + 1] = HEX[d[i] & 15];
        }
        return new String(out);
    }

    /** Bytes read by the last {@link #hash} on this instance. */
    public long lastBytes() {
        return lastBytes;
    }
}
