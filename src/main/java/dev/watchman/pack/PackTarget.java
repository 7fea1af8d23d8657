package dev.watchman.pack;

import dev.watchman.fs.Excludes;
import dev.watchman.fs.FileHasher;
import dev.watchman.fs.FileStat;
import dev.watchman.fs.TreeWalker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The host a pack is checked against, as the {@link RuleCheck}s see it: host paths resolved under
 * {@code fsRoot}, facts from the graph where it has them, otherwise the filesystem layer. Per-file
 * problems come back as values (a {@link Facts#error()}, a {@link Content#error()}), never as
 * exceptions: an audit must report what it could not verify.
 */
final class PackTarget {
    /** The file state a metadata rule needs, from the graph or from disk. */
    record Facts(boolean exists, Integer mode, Integer uid, Integer gid, String error) {
    }

    /** A file's text for content rules: {@code missing}, or an {@code error}, or the text. */
    record Content(boolean missing, String text, String error) {
    }

    private final Path root;
    private final Map<String, FileFacts> recorded;
    final Accounts users;
    final Accounts groups;
    private final long maxContentBytes;

    /** @param maxContentBytes content rules do not read files larger than this ({@code [audit] max_file_bytes}) */
    PackTarget(Path root, Map<String, FileFacts> recorded, long maxContentBytes) {
        this.root = root;
        this.maxContentBytes = maxContentBytes;
        this.recorded = recorded;
        this.users = Accounts.load(root.resolve("etc/passwd"));
        this.groups = Accounts.load(root.resolve("etc/group"));
    }

    Path resolve(String hostPath) {
        String rel = hostPath.replaceFirst("^/+", "");
        return rel.isEmpty() ? root : root.resolve(rel);
    }

    String hostPath(Path p) {
        return "/" + root.relativize(p);
    }

    /** The graph's facts for an exact path, or null (globs, trees and content always read the disk). */
    FileFacts recorded(String path, boolean exact) {
        return exact ? recorded.get(path) : null;
    }

    /** Existence, mode and owner of what {@code path} names (a symlink is followed). */
    Facts facts(String path, boolean useRecorded) {
        FileFacts rec = recorded(path, useRecorded);
        if (rec != null && (!rec.exists() || (rec.mode() != null && rec.uid() != null && rec.gid() != null))) {
            return new Facts(rec.exists(), rec.mode() == null ? null : rec.mode() & 07777, rec.uid(), rec.gid(), null);
        }
        try {
            FileStat st = FileStat.stat(resolve(path));
            return new Facts(true, st.mode(), st.uid(), st.gid(), null);
        } catch (NoSuchFileException e) {
            return new Facts(false, null, null, null, null);
        } catch (IOException e) {
            return new Facts(false, null, null, null, unreadable(e));
        }
    }

    /** SHA-256 of what {@code path} names (a symlink is followed). */
    String sha256(String path) throws IOException {
        return FileHasher.sha256Following(resolve(path));
    }

    Content content(String path) {
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

    /**
     * Host paths matching a glob, sorted; walks only below the glob's literal prefix, and no
     * deeper than the glob can reach. A prefix that is a symlink is not entered (a walk never
     * follows links). What cannot be read is a mismatch of {@code rule}.
     */
    List<String> expand(PackRule rule, String expected, List<Mismatch> out) {
        String glob = rule.path();
        int cut = firstGlobChar(glob);
        int slash = glob.lastIndexOf('/', cut);
        String baseHost = slash <= 0 ? "/" : glob.substring(0, slash);
        String rest = glob.substring(slash + 1);
        int depth = rest.contains("**") ? Integer.MAX_VALUE : (int) rest.chars().filter(c -> c == '/').count() + 1;
        Path base = resolve(baseHost);
        if (!Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        List<String> found = new ArrayList<>();
        try {
            TreeWalker.walk(base, Excludes.NONE, depth, new TreeWalker.Visitor() {
                @Override
                public void entry(Path path, String rel, FileStat stat) {
                    String host = hostPath(path);
                    if (matcher.matches(Path.of(host))) {
                        found.add(host);
                    }
                }

                @Override
                public void unreadable(Path path, String rel, FileStat stat, IOException e) {
                    out.add(new Mismatch(hostPath(path), rule.id(), expected, PackTarget.unreadable(e)));
                }
            });
        } catch (IOException e) {
            out.add(new Mismatch(glob, rule.id(), expected, unreadable(e)));
        }
        found.sort(null);
        return found;
    }

    /** The exception class only: an OS message is fine, but keep it one short line. */
    static String unreadable(IOException e) {
        return "unreadable: " + e.getClass().getSimpleName();
    }

    static String octal(int mode) {
        return String.format("%04o", mode);
    }

    private static int firstGlobChar(String s) {
        for (int i = 0; i < s.length(); i++) {
            if ("*?[{".indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }
}
