package dev.watchman;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of small in-memory values, as lowercase hex. Files are hashed by their scanners. */
public final class Sha256 {
    private Sha256() {
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** The hash of {@code s} in UTF-8. */
    public static String hex(String s) {
        return hex(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The first {@code bytes} bytes of the hash of {@code s} in UTF-8, as hex: a short stable key. */
    public static String hexPrefix(String s, int bytes) {
        return HexFormat.of().formatHex(digest().digest(s.getBytes(StandardCharsets.UTF_8)), 0, bytes);
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java 17 runtime ships SHA-256", e);
        }
    }
}
