package dev.watchman.watch;

import dev.watchman.Sha256;
import dev.watchman.fs.FileHasher;
import dev.watchman.fs.FileKind;
import dev.watchman.fs.FileStat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the watcher needs on top of the filesystem layer ({@link FileStat}, {@link FileHasher}):
 * its own view of a stat (instants, a watcher type) and the diff between two known states.
 */
final class FileStates {

    private FileStates() {
    }

    /** lstat(2) fields. */
    record Stat(FileKind kind, int mode, int uid, int gid, long size, Instant mtime, Instant ctime, long inode) {
        boolean isDirectory() {
            return kind == FileKind.DIR;
        }

        String type() {
            return switch (kind) {
                case FILE -> KnownState.FILE;
                case SYMLINK -> KnownState.SYMLINK;
                default -> KnownState.OTHER;
            };
        }
    }

    /** lstat of {@code p}, or {@code null} when nothing is there; other failures propagate. */
    static Stat stat(Path p) throws IOException {
        try {
            return of(FileStat.lstat(p));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** The watcher's view of an lstat the filesystem layer made (a {@link dev.watchman.fs.TreeWalker} walk). */
    static Stat of(FileStat s) {
        return new Stat(s.kind(), s.mode(), s.uid(), s.gid(), s.size(), s.mtime(), s.ctime(), s.inode());
    }

    /** Whether {@code known} still describes a path with stat {@code st}, so hashing can be skipped. */
    static boolean sameStat(KnownState known, Stat st) {
        return known.type().equals(st.type()) && known.size() == st.size() && known.mode() == st.mode()
                && known.uid() == st.uid() && known.gid() == st.gid() && st.mtime().equals(known.mtime())
                && st.ctime().equals(known.ctime()) && Objects.equals(known.inode(), st.inode());
    }

    /**
     * The full state of {@code p}, hashing its content. Throws {@link NoSuchFileException} when
     * the file vanished between the stat and the read.
     */
    static KnownState capture(Path p, Stat st) throws IOException {
        String type = st.type();
        String sha = null;
        String target = null;
        if (type.equals(KnownState.FILE)) {
            sha = sha256(p);
        } else if (type.equals(KnownState.SYMLINK)) {
            target = Files.readSymbolicLink(p).toString();
            sha = sha256(target.getBytes(StandardCharsets.UTF_8));
        }
        return new KnownState(type, sha, st.size(), st.mode(), st.uid(), st.gid(), st.mtime(), st.ctime(),
                st.inode(), target);
    }

    /** What differs between two states of one path, in {@link FileChange#changes()} order. */
    static List<String> diff(KnownState before, KnownState after) {
        if (!before.type().equals(after.type())) {
            return List.of(FileChange.TYPE);
        }
        List<String> out = new ArrayList<>(3);
        boolean symlink = after.type().equals(KnownState.SYMLINK);
        if (!symlink && before.sha256() != null && after.sha256() != null
                && !before.sha256().equals(after.sha256())) {
            out.add(FileChange.CONTENT);
        }
        if (before.mode() != after.mode() && !symlink) {
            out.add(FileChange.MODE);
        }
        if (before.uid() != after.uid() || before.gid() != after.gid()) {
            out.add(FileChange.OWNER);
        }
        if (before.size() != after.size() && !symlink) {
            out.add(FileChange.SIZE);
        }
        if (symlink && !Objects.equals(before.target(), after.target())) {
            out.add(FileChange.TARGET);
        }
        return out;
    }

    static String sha256(Path p) throws IOException {
        return FileHasher.sha256(p);
    }

    static String sha256(byte[] bytes) {
        return Sha256.hex(bytes);
    }
}
