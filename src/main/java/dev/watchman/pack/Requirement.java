package dev.watchman.pack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a rule requires, as `packs show` prints it: the type's fields under their TOML names (modes
 * as the octal strings a pack file uses) and one line saying what must hold. Independent of any
 * host: owners are shown as written, not resolved.
 */
public final class Requirement {
    private Requirement() {
    }

    /** The rule's own fields, in TOML spelling and order; only those its type takes and that are set. */
    public static Map<String, Object> fields(PackRule r) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "path", r.path());
        put(m, "under", r.under());
        put(m, "pattern", r.pattern());
        put(m, "sha256", r.sha256());
        put(m, "mode", r.mode() == null ? null : PackTarget.octal(r.mode()));
        put(m, "max_mode", r.maxMode() == null ? null : PackTarget.octal(r.maxMode()));
        put(m, "owner", r.owner());
        put(m, "group", r.group());
        put(m, "forbid", r.forbid());
        return m;
    }

    /** One line: what must be true of the path for the rule to pass. */
    public static String text(PackRule r) {
        return switch (r.type()) {
            case FILE_REQUIRED -> "exists";
            case FILE_FORBIDDEN -> "does not exist";
            case SHA256 -> "sha256 is " + r.sha256();
            case MODE -> "mode is exactly " + PackTarget.octal(r.mode());
            case MAX_PERMISSIONS -> "mode " + PackTarget.octal(r.maxMode()) + " or stricter";
            case OWNER -> {
                List<String> parts = new ArrayList<>();
                if (r.owner() != null) {
                    parts.add("owner " + r.owner());
                }
                if (r.group() != null) {
                    parts.add("group " + r.group());
                }
                yield String.join(", ", parts);
            }
            case LINE_REQUIRED -> "a line matches " + r.pattern();
            case LINE_FORBIDDEN -> "no line matches " + r.pattern();
            case REGEX_REQUIRED -> "the file text matches " + r.pattern();
            case REGEX_FORBIDDEN -> "the file text does not match " + r.pattern();
            case TREE -> "no " + r.forbid() + " entries below " + r.under();
        };
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
