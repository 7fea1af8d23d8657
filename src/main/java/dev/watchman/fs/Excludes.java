package dev.watchman.fs;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one exclude dialect: which paths a snapshot, drift, audit or the watcher skips. The globs
 * come from the config file ({@code [snapshot] exclude}, {@code [watch] exclude}) and from
 * {@code --exclude}, and are applied the same way everywhere:
 *
 * <ul>
 *   <li>A pattern without '/' matches the <b>base name</b> at any depth: {@code *.swp},
 *       {@code .git}, {@code cache-?}.</li>
 *   <li>A pattern with '/' matches the whole <b>path relative to the scan root</b>:
 *       {@code var/cache/**}, {@code etc/ssl/private}. A leading '/' only anchors it to the
 *       root (it is dropped); a trailing '/' is dropped too (no directories-only patterns).</li>
 *   <li>{@code *} matches any run of characters except '/', {@code ?} one character except '/',
 *       {@code [abc]}, {@code [a-z]} and {@code [!abc]} one character from (or not from) a set,
 *       {@code **} any run including '/', and {@code **}{@code /} zero or more whole directories
 *       (so {@code a/**}{@code /b} matches {@code a/b} and {@code a/x/y/b}). A backslash makes the
 *       next character literal.</li>
 *   <li>Matching is case-sensitive, against the encoded names of {@link PathNames}.</li>
 *   <li>An excluded directory is pruned: neither it nor anything below it is recorded or
 *       read. {@code var/cache/**} therefore keeps the {@code var/cache} entry itself but nothing
 *       in it, while {@code var/cache} drops both ({@link TreeWalker} prunes).</li>
 *   <li>No {@code {a,b}} alternation: '{' and '}' are literal. Write two globs instead.</li>
 * </ul>
 *
 * <p>The one set of default excludes is {@link #DEFAULTS}: the scratch files editors and dpkg
 * leave next to a config file while it is being saved. It is the default of {@code [watch]
 * exclude}, where a scratch file would otherwise raise created/deleted events on every save.
 * Snapshots and audits default to no excludes ({@code [snapshot] exclude = []}): they record and
 * read every object, and a leftover {@code .swp} file may hold a secret worth finding.
 */
public final class Excludes {

    /**
     * vim swap files ({@code *.swp}, {@code *.swx}, {@code *.swo}, {@code .*.sw?}) and its
     * {@code 4913} write test, backups ({@code *~}), emacs lock and autosave files ({@code .#*},
     * {@code #*#}), temp files ({@code *.tmp}) and dpkg's {@code *.dpkg-new}, {@code *.dpkg-tmp}.
     * All are base-name patterns.
     */
    public static final List<String> DEFAULTS = List.of(
            "*.swp", "*.swx", "*.swo", ".*.sw?", "*~", ".#*", "#*#", "4913", "*.tmp", "*.dpkg-new",
            "*.dpkg-tmp");

    /** Excludes nothing. */
    public static final Excludes NONE = new Excludes(List.of(), List.of());

    private interface Rule {
        boolean test(String s);
    }

    private final List<Rule> nameRules;
    private final List<Rule> pathRules;

    private Excludes(List<Rule> nameRules, List<Rule> pathRules) {
        this.nameRules = nameRules;
        this.pathRules = pathRules;
    }

    /**
     * Compiles globs once.
     *
     * @throws WatchmanException {@link ExitCode#USAGE} naming the first malformed glob
     */
    public static Excludes of(List<String> globs) {
        List<Rule> names = new ArrayList<>();
        List<Rule> paths = new ArrayList<>();
        for (String glob : globs) {
            String g = glob;
            while (g.startsWith("/")) {
                g = g.substring(1);
            }
            while (g.endsWith("/") && !g.endsWith("\\/")) {
                g = g.substring(0, g.length() - 1);
            }
            if (g.isEmpty()) {
                throw new WatchmanException(ExitCode.USAGE, "empty exclude pattern: '" + glob + "'");
            }
            (g.indexOf('/') >= 0 ? paths : names).add(compile(glob, g));
        }
        return new Excludes(List.copyOf(names), List.copyOf(paths));
    }

    /** True if {@code relPath} (encoded, '/'-separated, relative to the root) is excluded. */
    public boolean excludes(String relPath) {
        return excludes(relPath, relPath.substring(relPath.lastIndexOf('/') + 1));
    }

    /**
     * {@link #excludes(String)} when the caller already has the base name (the walker does):
     * saves a substring per entry.
     */
    public boolean excludes(String relPath, String name) {
        for (Rule r : nameRules) {
            if (r.test(name)) {
                return true;
            }
        }
        for (Rule r : pathRules) {
            if (r.test(relPath)) {
                return true;
            }
        }
        return false;
    }

    /** True if some glob has a '/' and so matches paths relative to a root, not only names. */
    public boolean hasPathPatterns() {
        return !pathRules.isEmpty();
    }

    public boolean isEmpty() {
        return nameRules.isEmpty() && pathRules.isEmpty();
    }

    private static Rule compile(String original, String g) {
        // Most real excludes are a literal name or "*.ext": compare strings, skip the regex.
        if (!hasMeta(g, 0)) {
            return g::equals;
        }
        if (g.charAt(0) == '*' && g.length() > 1 && !hasMeta(g, 1)) {
            String suffix = g.substring(1);
            if (suffix.indexOf('/') < 0) {
                return s -> s.endsWith(suffix) && s.lastIndexOf('/') < s.length() - suffix.length();
            }
        }
        Pattern p = Pattern.compile(toRegex(original, g), Pattern.DOTALL);
        return s -> p.matcher(s).matches();
    }

    private static boolean hasMeta(String g, int from) {
        for (int i = from; i < g.length(); i++) {
            char c = g.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '\\') {
                return true;
            }
        }
        return false;
    }

    private static String toRegex(String original, String g) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        int n = g.length();
        while (i < n) {
            char c = g.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < n && g.charAt(i + 1) == '*') {
                        boolean dirs = i + 2 < n && g.charAt(i + 2) == '/'
                                && (i == 0 || g.charAt(i - 1) == '/');
                        if (dirs) {
                            re.append("(?:.*/)?");
                            i += 3;
                        } else {
                            re.append(".*");
                            i += 2;
                        }
                    } else {
                        re.append("[^/]*");
                        i++;
                    }
                }
                case '?' -> {
                    re.append("[^/]");
                    i++;
                }
                case '[' -> i = appendClass(original, g, i, re);
                case '\\' -> {
                    if (i + 1 >= n) {
                        throw bad(original, "ends with a lone backslash");
                    }
                    re.append(Pattern.quote(String.valueOf(g.charAt(i + 1))));
                    i += 2;
                }
                default -> {
                    re.append(Pattern.quote(String.valueOf(c)));
                    i++;
                }
            }
        }
        return re.toString();
    }

    private static int appendClass(String original, String g, int start, StringBuilder re) {
        int i = start + 1;
        StringBuilder cls = new StringBuilder("[");
        if (i < g.length() && (g.charAt(i) == '!' || g.charAt(i) == '^')) {
            cls.append('^');
            i++;
        }
        boolean first = true;
        while (i < g.length() && (first || g.charAt(i) != ']')) {
            char c = g.charAt(i);
            if (c == '/') {
                throw bad(original, "'/' inside [...]");
            }
            if (c == '\\' && i + 1 < g.length()) {
                c = g.charAt(++i);
            }
            if (c == '-' && !first && i + 1 < g.length() && g.charAt(i + 1) != ']') {
                cls.append('-');
            } else {
                cls.append(Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c);
            }
            first = false;
            i++;
        }
        if (i >= g.length()) {
            throw bad(original, "unclosed '['");
        }
        re.append(cls).append(']');
        return i + 1;
    }

    private static WatchmanException bad(String glob, String why) {
        return new WatchmanException(ExitCode.USAGE, "bad exclude pattern '" + glob + "': " + why);
    }
}
