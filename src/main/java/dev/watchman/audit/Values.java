package dev.watchman.audit;

import com.google.re2j.Pattern;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a captured value is a real clear-text secret. This is where the false positives
 * of Wazuh- and gitleaks-style scanners are cut: a value that a templating or environment layer
 * substitutes, a mask, a non-value, a hash or ciphertext, or a path to a secret file is not a
 * secret on disk. A literal default such as {@code changeme} or {@code password} IS reported: in a
 * live config it is the credential the service really uses (see docs/packs.md).
 */
final class Values {
    private static final Set<String> NON_VALUES = Set.of(
            "null", "none", "nil", "false", "true", "yes", "no", "on", "off", "undefined", "empty",
            "redacted", "[redacted]", "<redacted>", "[hidden]", "[masked]", "[filtered]", "n/a");
    /** $VAR, %VAR%, @VAR@, <password>, and a whole-value YAML alias *name. */
    private static final Pattern WHOLE_PLACEHOLDER = Pattern.compile(
            "^(?:\\$[A-Za-z_][A-Za-z0-9_]*|%[A-Za-z_][A-Za-z0-9_]*%|@[A-Za-z_][A-Za-z0-9_.\\-]*@|<[^<>]*>|\\*[A-Za-z_][A-Za-z0-9_\\-]*)$");
    /** Crypt(3)/bcrypt/argon2 hashes and LDAP {SCHEME} values are not clear text. */
    private static final Pattern HASHED = Pattern.compile(
            "^(?:\\$(?:1|2[abxy]?|5|6|7|y|gy|argon2(?:id|i|d)|pbkdf2[\\-a-z0-9]*|scrypt|sha1|md5)\\$|\\{[A-Za-z0-9\\-]+\\})");

    private Values() {
    }

    /** True when the value is not a clear-text secret (see class comment). */
    /** 8+ characters, no spaces, from two or more classes (lower, upper, digit, other): not a sample word or prose. */
    static boolean credentialShaped(String raw) {
        String v = raw.trim();
        // Prose ("optional; leave empty if not used.") has spaces; credentials rarely do.
        if (v.length() < 8 || v.chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean other = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.isLowerCase(c)) {
                lower = true;
            } else if (Character.isUpperCase(c)) {
                upper = true;
            } else if (Character.isDigit(c)) {
                digit = true;
            } else {
                other = true;
            }
        }
        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0) >= 2;
    }

    static boolean isNonSecret(String raw) {
        if (raw == null) {
            return true;
        }
        String v = raw.trim();
        if (v.isEmpty()) {
            return true;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        if (NON_VALUES.contains(lower)) {
            return true;
        }
        // Templated anywhere in the value: shell/systemd ${X} and $(cmd), Jinja/Helm/Go {{ x }},
        // Python %(x)s, Spring #{x}; the real value lives elsewhere.
        if (v.contains("${") || v.contains("$(") || v.contains("{{") || v.contains("%(") || v.contains("#{")) {
            return true;
        }
        // OpenSSL config and Perl-style variable references: $section::name, $name.
        if (v.matches("\\$[A-Za-z_][A-Za-z0-9_]*(::[A-Za-z0-9_]+)*")) {
            return true;
        }
        if (WHOLE_PLACEHOLDER.matches(v) || isMask(v)) {
            return true;
        }
        // Ciphertext and references: Jasypt ENC(...), YAML tags (!vault, !secret name), Ansible vault.
        if (v.startsWith("ENC(") || v.startsWith("!") || v.startsWith("$ANSIBLE_VAULT") || lower.startsWith("vault:")) {
            return true;
        }
        if (HASHED.matcher(v).find()) {
            return true;
        }
        return isPathReference(v);
    }

    /** "*****", "xxxxxxxx", "########", "…": the value was already masked. */
    static boolean isMask(String v) {
        char c = v.charAt(0);
        if ("*xX#.?-_•".indexOf(c) < 0) {
            return false;
        }
        for (int i = 1; i < v.length(); i++) {
            if (v.charAt(i) != c) {
                return false;
            }
        }
        return true;
    }

    /** A value that names a file holding the secret (password = /run/secrets/db) is a reference. */
    static boolean isPathReference(String v) {
        boolean pathy = v.startsWith("/") || v.startsWith("~/") || v.startsWith("./") || v.startsWith("file:");
        return pathy && v.chars().noneMatch(Character::isWhitespace);
    }

    /** Shannon entropy in bits per character. */
    static double entropy(String v) {
        int[] counts = new int[128];
        int other = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double h = 0;
        double n = v.length();
        for (int count : counts) {
            if (count > 0) {
                double p = count / n;
                h -= p * (Math.log(p) / Math.log(2));
            }
        }
        if (other > 0) {
            double p = other / n;
            h -= p * (Math.log(p) / Math.log(2));
        }
        return h;
    }

    /**
     * A generic token must look machine-generated: 16+ chars from a token alphabet, letters and
     * digits mixed, and at least 3 bits/char of entropy, so "not-configured-yet" or a port is not one.
     */
    static boolean looksRandom(String v) {
        if (v.length() < 16) {
            return false;
        }
        boolean letter = false;
        boolean digit = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                letter = true;
            } else if ("_-+/=.~".indexOf(c) < 0) {
                return false;
            }
        }
        return letter && digit && entropy(v) >= 3.0;
    }
}
