package dev.watchman.watch;

import dev.watchman.Sha256;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Stat and hash for the watcher. Kept here rather than shared with the snapshot scanner so the
 * two can evolve (and be benchmarked) independently.
 */
final class FileStates {
    private static final String UNIX_ATTRS = "unix:mode,ino,uid,gid,ctime,size,lastModifiedTime";
    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFLNK = 0120000;

    /** One reused buffer per thread: hashing allocates nothing per file. */
    private static final ThreadLocal<ByteBuffer> BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocate(64 * 1024));

    private FileStates() {
    }

    /** lstat(2) fields. */
    record Stat(int format, int mode, int uid, int gid, long size, Instant mtime, Instant ctime, long inode) {
        boolean isDirectory() {
            return format == S_IFDIR;
        }

        String type() {
            return switch (format) {
                case S_IFREG -> KnownState.FILE;
                case S_IFLNK -> KnownState.SYMLINK;
                default -> KnownState.OTHER;
            };
        }
    }

    /** lstat of {@code p}, or {@code null} when nothing is there; other failures propagate. */
    static Stat stat(Path p) throws IOException {
        Map<String, Object> a;
        try {
            a = Files.readAttributes(p, UNIX_ATTRS, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
        int rawMode = (Integer) a.get("mode");
        return new Stat(rawMode & S_IFMT, rawMode & 07777, (Integer) a.get("uid"), (Integer) a.get("gid"),
                (Long) a.get("size"), ((FileTime) a.get("lastModifiedTime")).toInstant(),
                ((FileTime) a.get("ctime")).toInstant(), (Long) a.get("ino"));
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
        MessageDigest md = digest();
        ByteBuffer buf = BUFFER.get();
        // O_NOFOLLOW: if the file was swapped for a symlink since the stat, fail instead of hashing
        // whatever the link points at.
        try (SeekableByteChannel ch = Files.newByteChannel(p, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            buf.clear();
            while (ch.read(buf) >= 0) {
                buf.flip();
                md.update(buf);
                buf.clear();
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static String sha256(byte[] bytes) {
        return Sha256.hex(bytes);
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java 17 runtime ships SHA-256", e);
        }
    }
}
