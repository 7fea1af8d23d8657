package dev.watchman.fs;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Instant;
import java.util.Map;

/**
 * The stat(2) fields every feature uses: the one stat reader of the code base.
 *
 * <p>{@link #lstat} does not follow a symlink (the snapshot, the watcher and tree walks record
 * the link itself); {@link #stat} follows it (pack rules about "the file at this path").
 * The JDK already fills every st_* field into its {@code sun.nio.fs.UnixFileAttributes}; reading
 * them through VarHandles costs nothing, whereas the documented {@code "unix:…"} view builds a map
 * of boxed values per call (1.5-2x slower over the 101k entries of the benchmark tree: 170-250 ms
 * against 330-420 ms). Without {@code --add-opens java.base/sun.nio.fs} it falls back to that view.
 *
 * @param kind       file, directory, symlink or other
 * @param size       st_size (for a symlink the length of its target)
 * @param mode       permission bits including setuid/setgid/sticky ({@code st_mode & 07777})
 * @param mtimeNanos modification time, nanoseconds since the epoch
 * @param ctimeNanos inode change time, nanoseconds since the epoch
 */
public record FileStat(FileKind kind, long size, int mode, int uid, int gid, long mtimeNanos,
                       long ctimeNanos, long inode, long dev, int nlink) {

    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFLNK = 0120000;
    private static final String UNIX_ATTRS = "unix:ino,dev,size,lastModifiedTime,ctime,mode,uid,gid,nlink";
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final LinkOption[] FOLLOW = {};

    private static final Class<?> ATTRS_CLASS;
    private static final VarHandle MODE, INO, DEV, NLINK, UID, GID, SIZE, MSEC, MNSEC, CSEC, CNSEC;

    static {
        Class<?> cls = null;
        VarHandle[] h = new VarHandle[11];
        try {
            cls = Class.forName("sun.nio.fs.UnixFileAttributes");
            MethodHandles.Lookup l = MethodHandles.privateLookupIn(cls, MethodHandles.lookup());
            String[] names = {"st_mode", "st_ino", "st_dev", "st_nlink", "st_uid", "st_gid",
                "st_size", "st_mtime_sec", "st_mtime_nsec", "st_ctime_sec", "st_ctime_nsec"};
            Class<?>[] types = {int.class, long.class, long.class, int.class, int.class, int.class,
                long.class, long.class, long.class, long.class, long.class};
            for (int i = 0; i < names.length; i++) {
                h[i] = l.findVarHandle(cls, names[i], types[i]);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            cls = null;
        }
        ATTRS_CLASS = cls;
        MODE = h[0];
        INO = h[1];
        DEV = h[2];
        NLINK = h[3];
        UID = h[4];
        GID = h[5];
        SIZE = h[6];
        MSEC = h[7];
        MNSEC = h[8];
        CSEC = h[9];
        CNSEC = h[10];
    }

    /** Same object with the same content as far as a hash cache can tell. */
    public boolean sameVersion(FileStat o) {
        return kind == o.kind && size == o.size && mtimeNanos == o.mtimeNanos
                && ctimeNanos == o.ctimeNanos && inode == o.inode && dev == o.dev;
    }

    public Instant mtime() {
        return instant(mtimeNanos);
    }

    public Instant ctime() {
        return instant(ctimeNanos);
    }

    /** lstat(2): a symlink is described, not followed. */
    public static FileStat lstat(Path p) throws IOException {
        return read(p, NOFOLLOW);
    }

    /** stat(2): a symlink is followed to what it points at. */
    public static FileStat stat(Path p) throws IOException {
        return read(p, FOLLOW);
    }

    /** The target of a symlink as stored, encoded like every name ({@link PathNames}); never followed. */
    public static String readLink(Path link) throws IOException {
        byte[] target = PathNames.rawBytes(Files.readSymbolicLink(link));
        return PathNames.encode(target, 0, target.length);
    }

    private static FileStat read(Path p, LinkOption[] links) throws IOException {
        if (ATTRS_CLASS != null) {
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, links);
            if (a.getClass() == ATTRS_CLASS) {
                int stMode = (int) MODE.get(a);
                return new FileStat(kindOf(stMode), (long) SIZE.get(a), stMode & 07777,
                        (int) UID.get(a), (int) GID.get(a),
                        (long) MSEC.get(a) * 1_000_000_000L + (long) MNSEC.get(a),
                        (long) CSEC.get(a) * 1_000_000_000L + (long) CNSEC.get(a),
                        (long) INO.get(a), (long) DEV.get(a), (int) NLINK.get(a));
            }
        }
        return portable(p, links);
    }

    /** The documented {@code unix:} view; what {@link #lstat} does when the fast path is closed. */
    static FileStat lstatPortable(Path p) throws IOException {
        return portable(p, NOFOLLOW);
    }

    private static FileStat portable(Path p, LinkOption[] links) throws IOException {
        Map<String, Object> m = Files.readAttributes(p, UNIX_ATTRS, links);
        int stMode = (Integer) m.get("mode");
        return new FileStat(kindOf(stMode), (Long) m.get("size"), stMode & 07777,
                (Integer) m.get("uid"), (Integer) m.get("gid"),
                nanos((FileTime) m.get("lastModifiedTime")), nanos((FileTime) m.get("ctime")),
                (Long) m.get("ino"), (Long) m.get("dev"), (Integer) m.get("nlink"));
    }

    /** True if stat reads the JDK's fields directly (see the class comment). */
    public static boolean fastPathAvailable() {
        return ATTRS_CLASS != null;
    }

    private static long nanos(FileTime t) {
        var i = t.toInstant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    private static FileKind kindOf(int stMode) {
        return switch (stMode & S_IFMT) {
            case S_IFREG -> FileKind.FILE;
            case S_IFDIR -> FileKind.DIR;
            case S_IFLNK -> FileKind.SYMLINK;
            default -> FileKind.OTHER;
        };
    }
}
