package dev.watchman.pack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * User and group names of the host being evaluated, from {@code <root>/etc/passwd} and
 * {@code <root>/etc/group}: ownership on disk is numeric, and the names that matter are the
 * target system's, which for a mounted image are not this machine's. Accounts only in a directory
 * service (LDAP, SSSD) are not listed there: packs name those by numeric id.
 */
final class Accounts {
    private final Map<String, Integer> ids = new HashMap<>();
    private final Map<Integer, String> names = new HashMap<>();

    private Accounts() {
    }

    static Accounts load(Path file) {
        Accounts a = new Accounts();
        if (!Files.isRegularFile(file)) {
            return a;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split(":", -1);
                if (f.length < 3 || line.startsWith("#") || line.startsWith("+") || line.startsWith("-")) {
                    continue;
                }
                try {
                    int id = Integer.parseInt(f[2]);
                    a.ids.putIfAbsent(f[0], id);
                    a.names.putIfAbsent(id, f[0]);
                } catch (NumberFormatException e) {
                    // A malformed entry names nobody; getent would skip it too.
                }
            }
        } catch (IOException e) {
            // Unreadable account database: names stay unresolved and rules naming them report it.
        }
        return a;
    }

    /** The id for a name or numeric string, or null when the name is unknown. */
    Integer idOf(String nameOrId) {
        if (nameOrId.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(nameOrId);
        }
        return ids.get(nameOrId);
    }

    /** "0 (root)" or just "1234" when the id has no name. */
    String describe(int id) {
        String n = names.get(id);
        return n == null ? Integer.toString(id) : id + " (" + n + ")";
    }
}
