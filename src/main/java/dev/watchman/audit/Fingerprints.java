package dev.watchman.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Salted fingerprints: HMAC-SHA256 keyed with the installation's salt, so a fingerprint stored in
 * the graph cannot be brute-forced back to a short password by someone without the salt.
 */
final class Fingerprints {
    private final SecretKeySpec key;

    Fingerprints(byte[] salt) {
        this.key = new SecretKeySpec(salt.clone(), "HmacSHA256");
    }

    String of(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] h = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (GeneralSecurityException e) {
            // HmacSHA256 is mandatory in every JDK; reaching this is a broken runtime, not user input.
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
