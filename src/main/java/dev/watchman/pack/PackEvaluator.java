package dev.watchman.pack;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.watchman.PathArgs;
import dev.watchman.config.Config;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks a pack against a live filesystem. Every pack path is resolved under {@code fsRoot}
 * ({@code /} in production, a fixture tree in tests). Per-file problems (missing, unreadable) are
 * mismatches, never exceptions: an audit must report what it could not verify.
 *
 * <p>Globs: a required rule (file_required, line_required, regex_required) passes if any matching
 * file satisfies it; every other rule must hold for every matching file, and a glob that matches
 * nothing is vacuously satisfied. An exact path that does not exist fails every rule except
 * file_forbidden and the *_forbidden content rules.
 */
public final class PackEvaluator {
    /** Content rules read at most this much unless told otherwise: the same cap as the secret scan. */
    static final long MAX_CONTENT_BYTES = Config.Audit.DEFAULT_MAX_FILE_BYTES;

    private PackEvaluator() {
    }

    public static PackResult evaluate(Pack pack, Path fsRoot) {
        return evaluate(pack, fsRoot, Map.of());
    }

    /**
     * @param recorded facts from the graph keyed by host path; they answer exact-path metadata
     *                 rules (existence, sha256, mode, owner). Globs, trees and content rules always
     *                 read the filesystem.
     */
    public static PackResult evaluate(Pack pack, Path fsRoot, Map<String, FileFacts> recorded) {
        return evaluate(pack, fsRoot, recorded, MAX_CONTENT_BYTES);
    }

    /** @param maxContentBytes content rules do not read files larger than this ({@code [audit] max_file_bytes}) */
    public static PackResult evaluate(Pack pack, Path fsRoot, Map<String, FileFacts> recorded, long maxContentBytes) {
        if (maxContentBytes <= 0 || maxContentBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("content size cap out of range: " + maxContentBytes);
        }
        PathArgs.directory(fsRoot, "pack evaluation root");
        Run run = new Run(fsRoot, recorded, Accounts.load(fsRoot.resolve("etc/passwd")),
                Accounts.load(fsRoot.resolve("etc/group")), maxContentBytes);
        List<Mismatch> out = new ArrayList<>();
        for (PackRule rule : pack.rules()) {
            run.check(rule, out);
        }
        return new PackResult(pack.name(), pack.version(), out.isEmpty(), out);
    }

    /** Each pack on its own: one result per pack, in the given order. */
    public static List<PackResult> evaluateAll(List<Pack> packs, Path fsRoot, Map<String, FileFacts> recorded) {
        return packs.stream().map(p -> evaluate(p, fsRoot, recorded)).toList();
    }

    /** The file state one rule needs, from the graph or from disk. */
    private record Facts(boolean exists, Integer mode, Integer uid, Integer gid, String error) {
    }

    private static final class Run {
        private final Path root;
        private final Map<String, FileFacts> recorded;
        private final Accounts users;
        private final Accounts groups;
        private final long maxContentBytes;

        Run(Path root, Map<String, FileFacts> recorded, Accounts users, Accounts groups, long maxContentBytes) {
            this.maxContentBytes = maxContentBytes;
            this.root = root;
            this.recorded = recorded;
            this.users = users;
            this.groups = groups;
        }

        void check(PackRule rule, List<Mismatch> out) {
            if (rule.type() == RuleType.TREE) {
                tree(rule, out);
                return;
            }
            boolean glob = PackLoader.isGlob(rule.path());
            List<String> paths = glob ? expand(rule.path(), out, rule) : List.of(rule.path());
            switch (rule.type()) {
                case FILE_REQUIRED -> {
                    if (paths.stream().noneMatch(p -> facts(p, !glob).exists())) {
                        out.add(new Mismatch(rule.path(), rule.id(), "exists", "missing"));
                    }
                }
                case FILE_FORBIDDEN -> paths.stream().filter(p -> facts(p, !glob).exists())
                        .forEach(p -> out.add(new Mismatch(p, rule.id(), "absent", "present")));
                case LINE_REQUIRED, REGEX_REQUIRED -> required(rule, paths, out);
                case LINE_FORBIDDEN, REGEX_FORBIDDEN -> paths.forEach(p -> forbidden(rule, p, out));
                default -> paths.forEach(p -> metadata(rule, p, !glob, out));
            }
        }

        private void metadata(PackRule rule, String path, boolean exact, List<Mismatch> out) {
            String expected = expected(rule);
            if (rule.type() == RuleType.SHA256) {
                sha256(rule, path, exact, expected, out);
                return;
            }
            Facts f = facts(path, exact);
            if (f.error() != null || !f.exists()) {
                out.add(new Mismatch(path, rule.id(), expected, f.error() != null ? f.error() : "missing"));
                return;
            }
            switch (rule.type()) {
                case MODE -> {
                    if (f.mode() != rule.mode().intValue()) {
                        out.add(new Mismatch(path, rule.id(), expected, "mode " + octal(f.mode())));
                    }
                }
                case MAX_PERMISSIONS -> {
                    if ((f.mode() & ~rule.maxMode()) != 0) {
                        out.add(new Mismatch(path, rule.id(), expected, "mode " + octal(f.mode())));
                    }
                }
                case OWNER -> owner(rule, path, f, expected, out);
                default -> throw new IllegalStateException("not a metadata rule: " + rule.type());
            }
        }

        private void owner(PackRule rule, String path, Facts f, String expected, List<Mismatch> out) {
            boolean ok = true;
            List<String> actual = new ArrayList<>();
            if (rule.owner() != null) {
                Integer want = users.idOf(rule.owner());
                ok &= want != null && want.equals(f.uid());
                actual.add("uid " + users.describe(f.uid()));
            }
            if (rule.group() != null) {
                Integer want = groups.idOf(rule.group());
                ok &= want != null && want.equals(f.gid());
                actual.add("gid " + groups.describe(f.gid()));
            }
            if (!ok) {
                out.add(new Mismatch(path, rule.id(), expected, String.join(", ", actual)));
            }
        }

        private void sha256(PackRule rule, String path, boolean exact, String expected, List<Mismatch> out) {
            FileFacts rec = exact ? recorded.get(path) : null;
            String actual;
            if (rec != null && (!rec.exists() || rec.sha256() != null)) {
                actual = rec.exists() ? rec.sha256() : null;
            } else {
                try {
                    actual = hash(resolve(path));
                } catch (NoSuchFileException e) {
                    actual = null;
                } catch (IOException e) {
                    out.add(new Mismatch(path, rule.id(), expected, unreadable(e)));
                    return;
                }
            }
            if (actual == null) {
                out.add(new Mismatch(path, rule.id(), expected, "missing"));
            } else if (!actual.equalsIgnoreCase(rule.sha256())) {
                out.add(new Mismatch(path, rule.id(), expected, "sha256 " + actual));
            }
        }

        private void required(PackRule rule, List<String> paths, List<Mismatch> out) {
            Pattern p = Pattern.compile(rule.pattern());
            // A glob is satisfied by any one file, so its shortfall belongs to the glob, not a file.
            String reportPath = rule.path();
            boolean anyFile = false;
            List<Mismatch> problems = new ArrayList<>();
            for (String path : paths) {
                Content c = content(path);
                if (c.missing()) {
                    continue;
                }
                anyFile = true;
                if (c.error() != null) {
                    problems.add(new Mismatch(path, rule.id(), expected(rule), c.error()));
                    continue;
                }
                if (rule.type() == RuleType.LINE_REQUIRED ? firstMatchingLine(p, c.text()) > 0 : p.matcher(c.text()).find()) {
                    return;
                }
            }
            if (!anyFile) {
                out.add(new Mismatch(reportPath, rule.id(), expected(rule), "file missing"));
            } else if (!problems.isEmpty()) {
                out.addAll(problems);
            } else {
                out.add(new Mismatch(reportPath, rule.id(), expected(rule),
                        rule.type() == RuleType.LINE_REQUIRED ? "line missing" : "no match"));
            }
        }

        private void forbidden(PackRule rule, String path, List<Mismatch> out) {
            Content c = content(path);
            if (c.missing()) {
                return;
            }
            if (c.error() != null) {
                out.add(new Mismatch(path, rule.id(), expected(rule), c.error()));
                return;
            }
            Pattern p = Pattern.compile(rule.pattern());
            if (rule.type() == RuleType.LINE_FORBIDDEN) {
                List<Integer> hits = matchingLines(p, c.text());
                if (!hits.isEmpty()) {
                    String nums = hits.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElseThrow();
                    out.add(new Mismatch(path, rule.id(), expected(rule), hits.size() == 1
                            ? "line " + nums + " matches forbidden pattern"
                            : "lines " + nums + " match forbidden pattern"));
                }
            } else {
                Matcher m = p.matcher(c.text());
                if (m.find()) {
                    int line = 1;
                    for (int i = 0; i < m.start(); i++) {
                        if (c.text().charAt(i) == '\n') {
                            line++;
                        }
                    }
                    out.add(new Mismatch(path, rule.id(), expected(rule),
                            "content matches forbidden pattern at line " + line));
                }
            }
        }

        /** Walks {@code under} without following links; symlinks themselves have no meaningful mode. */
        private void tree(PackRule rule, List<Mismatch> out) {
            Path base = resolve(rule.under());
            if (!Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            TreeMap<String, String> bad = new TreeMap<>();
            TreeMap<String, String> errors = new TreeMap<>();
            try {
                Files.walkFileTree(base, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                        visit(dir, true);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        if (attrs.isRegularFile()) {
                            visit(file, false);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        errors.put(hostPath(file), unreadable(e));
                        return FileVisitResult.CONTINUE;
                    }

                    private void visit(Path p, boolean dir) throws IOException {
                        int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
                        boolean violates = switch (rule.forbid()) {
                            // A sticky world-writable directory (like /tmp) is safe by design.
                            case "world-writable" -> (mode & 02) != 0 && !(dir && (mode & 01000) != 0);
                            case "setuid" -> !dir && (mode & 04000) != 0;
                            case "setgid" -> !dir && (mode & 02000) != 0;
                            default -> throw new IllegalStateException("validated at load: " + rule.forbid());
                        };
                        if (violates) {
                            bad.put(hostPath(p), "mode " + octal(mode));
                        }
                    }
                });
            } catch (IOException e) {
                errors.put(rule.under(), unreadable(e));
            }
            bad.forEach((p, actual) -> out.add(new Mismatch(p, rule.id(), expected(rule), actual)));
            errors.forEach((p, actual) -> out.add(new Mismatch(p, rule.id(), expected(rule), actual)));
        }

        /** Host paths matching a glob, sorted; walks only below the glob's literal prefix. */
        private List<String> expand(String glob, List<Mismatch> out, PackRule rule) {
            int cut = firstGlobChar(glob);
            int slash = glob.lastIndexOf('/', cut);
            String baseHost = slash <= 0 ? "/" : glob.substring(0, slash);
            String rest = glob.substring(slash + 1);
            int depth = rest.contains("**") ? Integer.MAX_VALUE : (int) rest.chars().filter(c -> c == '/').count() + 1;
            Path base = resolve(baseHost);
            if (!Files.isDirectory(base)) {
                return List.of();
            }
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            List<String> found = new ArrayList<>();
            try {
                Files.walkFileTree(base, EnumSet.noneOf(FileVisitOption.class), depth, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        add(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        if (!dir.equals(base)) {
                            add(dir);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        out.add(new Mismatch(hostPath(file), rule.id(), expected(rule), unreadable(e)));
                        return FileVisitResult.CONTINUE;
                    }

                    private void add(Path p) {
                        String host = hostPath(p);
                        if (matcher.matches(Path.of(host))) {
                            found.add(host);
                        }
                    }
                });
            } catch (IOException e) {
                out.add(new Mismatch(glob, rule.id(), expected(rule), unreadable(e)));
            }
            found.sort(null);
            return found;
        }

        private Facts facts(String path, boolean useRecorded) {
            FileFacts rec = useRecorded ? recorded.get(path) : null;
            if (rec != null && (!rec.exists() || (rec.mode() != null && rec.uid() != null && rec.gid() != null))) {
                return new Facts(rec.exists(), rec.mode() == null ? null : rec.mode() & 07777, rec.uid(), rec.gid(), null);
            }
            Path p = resolve(path);
            try {
                Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid");
                return new Facts(true, (Integer) a.get("mode") & 07777,
                        (Integer) a.get("uid"), (Integer) a.get("gid"), null);
            } catch (NoSuchFileException e) {
                return new Facts(false, null, null, null, null);
            } catch (IOException e) {
                return new Facts(false, null, null, null, unreadable(e));
            }
        }

        private record Content(boolean missing, String text, String error) {
        }

        private Content content(String path) {
            Path p = resolve(path);
            if (!Files.exists(p)) {
                return new Content(true, null, null);
            }
            if (!Files.isRegularFile(p)) {
                return new Content(false, null, "not a regular file");
            }
            try (InputStream in = Files.newInputStream(p)) {
                byte[] bytes = in.readNBytes((int) maxContentBytes + 1);
                if (bytes.length > maxContentBytes) {
                    return new Content(false, null, "larger than " + maxContentBytes
                            + " bytes ([audit] max_file_bytes), not checked");
                }
                return new Content(false, new String(bytes, StandardCharsets.UTF_8), null);
            } catch (IOException e) {
                return new Content(false, null, unreadable(e));
            }
        }

        private Path resolve(String hostPath) {
            String rel = hostPath.replaceFirst("^/+", "");
            return rel.isEmpty() ? root : root.resolve(rel);
        }

        private String hostPath(Path p) {
            String rel = root.relativize(p).toString();
            return "/" + rel;
        }

        private String expected(PackRule rule) {
            return switch (rule.type()) {
                case FILE_REQUIRED -> "exists";
                case FILE_FORBIDDEN -> "absent";
                case SHA256 -> "sha256 " + rule.sha256();
                case MODE -> "mode " + octal(rule.mode());
                case MAX_PERMISSIONS -> "mode " + octal(rule.maxMode()) + " or stricter";
                case OWNER -> {
                    List<String> parts = new ArrayList<>();
                    if (rule.owner() != null) {
                        Integer id = users.idOf(rule.owner());
                        parts.add(id == null ? "uid of unknown user '" + rule.owner() + "'" : "uid " + users.describe(id));
                    }
                    if (rule.group() != null) {
                        Integer id = groups.idOf(rule.group());
                        parts.add(id == null ? "gid of unknown group '" + rule.group() + "'" : "gid " + groups.describe(id));
                    }
                    yield String.join(", ", parts);
                }
                case LINE_REQUIRED -> "line matching " + rule.pattern();
                case LINE_FORBIDDEN -> "no line matching " + rule.pattern();
                case REGEX_REQUIRED -> "content matching " + rule.pattern();
                case REGEX_FORBIDDEN -> "no content matching " + rule.pattern();
                case TREE -> "no " + rule.forbid() + " entries under " + rule.under();
            };
        }
    }

    static String octal(int mode) {
        return String.format("%04o", mode);
    }

    /** The exception class only: an OS message is fine, but keep it one short line. */
    private static String unreadable(IOException e) {
        return "unreadable: " + e.getClass().getSimpleName();
    }

    private static int firstGlobChar(String s) {
        for (int i = 0; i < s.length(); i++) {
            if ("*?[{".indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }

    private static int firstMatchingLine(Pattern p, String text) {
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (p.matcher(stripCr(line)).find()) {
                return n;
            }
        }
        return -1;
    }

    private static List<Integer> matchingLines(Pattern p, String text) {
        List<Integer> hits = new ArrayList<>();
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (p.matcher(stripCr(line)).find()) {
                hits.add(n);
            }
        }
        return hits;
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    static String hash(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
