package dev.watchman.pack;

import dev.watchman.fs.Excludes;
import dev.watchman.fs.FileKind;
import dev.watchman.fs.FileStat;
import dev.watchman.fs.TreeWalker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;

/**
 * {@code tree}: no directory or regular file under {@code under} (itself included) is
 * world-writable, setuid or setgid. Symlinks are not followed and have no meaningful mode; a
 * sticky world-writable directory (like /tmp) is safe by design. A missing tree passes.
 */
final class TreeCheck implements RuleCheck {
    static final TreeCheck INSTANCE = new TreeCheck();

    @Override
    public String expected(PackRule rule, PackTarget host) {
        return "no " + rule.forbid() + " entries under " + rule.under();
    }

    @Override
    public void check(PackRule rule, List<String> paths, boolean exact, PackTarget host, List<Mismatch> out) {
        Path base = host.resolve(rule.under());
        if (!Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        TreeMap<String, String> bad = new TreeMap<>();
        TreeMap<String, String> errors = new TreeMap<>();
        try {
            TreeWalker.walk(base, Excludes.NONE, new TreeWalker.Visitor() {
                @Override
                public void entry(Path path, String rel, FileStat stat) {
                    visit(rule, host.hostPath(path), stat, bad);
                }

                @Override
                public void unreadable(Path path, String rel, FileStat stat, IOException e) {
                    errors.put(host.hostPath(path), PackTarget.unreadable(e));
                }
            });
            visit(rule, host.hostPath(base), FileStat.lstat(base), bad);
        } catch (IOException e) {
            errors.put(host.hostPath(base), PackTarget.unreadable(e));
        }
        String expected = expected(rule, host);
        bad.forEach((p, actual) -> out.add(new Mismatch(p, rule.id(), expected, actual)));
        errors.forEach((p, actual) -> out.add(new Mismatch(p, rule.id(), expected, actual)));
    }

    private static void visit(PackRule rule, String hostPath, FileStat st, TreeMap<String, String> bad) {
        boolean dir = st.kind() == FileKind.DIR;
        if (!dir && st.kind() != FileKind.FILE) {
            return;
        }
        int mode = st.mode();
        boolean violates = switch (rule.forbid()) {
            case "world-writable" -> (mode & 02) != 0 && !(dir && (mode & 01000) != 0);
            case "setuid" -> !dir && (mode & 04000) != 0;
            case "setgid" -> !dir && (mode & 02000) != 0;
            default -> throw new IllegalStateException("validated at load: " + rule.forbid());
        };
        if (violates) {
            bad.put(hostPath, "mode " + PackTarget.octal(mode));
        }
    }
}
