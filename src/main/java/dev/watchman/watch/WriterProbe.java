package dev.watchman.watch;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the kernel whether any process has a file open for writing, the one thing inotify through
 * the JDK cannot tell (its {@code WatchService} has no close-write event).
 *
 * <p>How: Linux refuses a read lease ({@code fcntl(F_SETLEASE, F_RDLCK)}) with {@code EAGAIN}
 * exactly while the file is open for writing by anyone (fs/locks.c, {@code
 * check_conflicting_open}). The lease is dropped again by the {@code close} right after, so it
 * lives for microseconds; a writer opening the file in that window waits until then (one with
 * {@code O_NONBLOCK} gets {@code EWOULDBLOCK}), and the lease-break signal is set to
 * {@code SIGURG}, ignored by default, instead of {@code SIGIO}, whose default would end the JVM.
 *
 * <p>Leases need the file's owner or {@code CAP_LEASE} (root has both for /etc), a local
 * filesystem and {@code fs.leases-enable}; otherwise, and off Linux x86-64/aarch64, the answer
 * is {@link Answer#UNKNOWN} and {@link InFlight} falls back to the file's ctime.
 */
final class WriterProbe {
    private static final Logger log = LoggerFactory.getLogger(WriterProbe.class);

    enum Answer {
        /** Some process has the file open for writing. */
        OPEN,
        /** Nobody has it open for writing. */
        CLOSED,
        /** Cannot tell (not permitted, not supported, gone). */
        UNKNOWN
    }

    // Linux generic values, shared by x86-64 and aarch64 except O_NOFOLLOW.
    private static final int O_RDONLY = 0;
    private static final int O_NONBLOCK = 04000;
    private static final int O_CLOEXEC = 02000000;
    private static final int F_SETSIG = 10;
    private static final int F_SETLEASE = 1024;
    private static final int F_RDLCK = 0;
    private static final int EAGAIN = 11;
    private static final int EACCES = 13;
    private static final int EINVAL = 22;
    private static final int SIGURG = 23;

    /** errnos already logged, so an unsupported setup says so once, not per file. */
    private static final Set<Integer> reported = ConcurrentHashMap.newKeySet();

    private WriterProbe() {
    }

    /**
     * Direct-mapped libc (a tenth of the cost of an interface proxy: the probe runs once per
     * changed file). fcntl is variadic; an int passed as a fixed argument is what the ABI
     * expects for it on x86-64 (libffi sets %al) and aarch64 Linux, the two platforms enabled.
     */
    private static final class LibC {
        static native int open(String path, int flags) throws LastErrorException;

        static native int fcntl(int fd, int cmd, int arg) throws LastErrorException;

        static native int close(int fd) throws LastErrorException;
    }

    /** Registers {@link LibC} on first use; {@code loaded} is false when JNA or the platform is not there. */
    private static final class Native0 {
        static final boolean LOADED;
        static final int OPEN_FLAGS;

        static {
            boolean loaded = false;
            int noFollow = 0;
            try {
                if (Platform.isLinux() && Platform.ARCH.equals("x86-64")) {
                    noFollow = 0400000;
                } else if (Platform.isLinux() && Platform.ARCH.equals("aarch64")) {
                    noFollow = 0100000;
                }
                if (noFollow != 0) {
                    Native.register(LibC.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
                    loaded = true;
                } else {
                    log.info("cannot ask the kernel for open writers on {} {}; files still being written are "
                            + "recognised by their ctime only", Platform.getOSType(), Platform.ARCH);
                }
            } catch (LinkageError | RuntimeException e) {
                log.info("cannot load libc through JNA ({}); files still being written are recognised by their "
                        + "ctime only", e.toString());
            }
            LOADED = loaded;
            OPEN_FLAGS = O_RDONLY | O_NONBLOCK | O_CLOEXEC | noFollow;
        }
    }

    /** Whether the probe can answer at all here; loads the native part (call early: the first load takes ~0.1 s). */
    static boolean available() {
        return Native0.LOADED;
    }

    /** Whether {@code p}, a regular file, is open for writing by any process right now. */
    static Answer check(Path p) {
        if (!Native0.LOADED) {
            return Answer.UNKNOWN;
        }
        int fd;
        try {
            // O_NOFOLLOW: a file swapped for a symlink is not probed through it; O_NONBLOCK: neither
            // one swapped for a fifo nor one under another process's write lease blocks us.
            fd = LibC.open(p.toString(), Native0.OPEN_FLAGS);
        } catch (LastErrorException e) {
            return Answer.UNKNOWN;
        }
        try {
            LibC.fcntl(fd, F_SETSIG, SIGURG);
            LibC.fcntl(fd, F_SETLEASE, F_RDLCK);
            // Granted: nobody writes. The close below releases the lease.
            return Answer.CLOSED;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == EAGAIN) {
                return Answer.OPEN;
            }
            if (reported.add(e.getErrorCode())) {
                String why = switch (e.getErrorCode()) {
                    case EACCES -> "not the file's owner and no CAP_LEASE";
                    case EINVAL -> "no leases on this filesystem, or fs.leases-enable=0";
                    default -> "errno " + e.getErrorCode();
                };
                log.info("cannot ask the kernel whether {} is open for writing ({}); such files are recognised "
                        + "as still being written by their ctime only (said once per reason)", p, why);
            }
            return Answer.UNKNOWN;
        } finally {
            try {
                LibC.close(fd);
            } catch (LastErrorException e) {
                log.debug("close after the writer probe of {} failed: {}", p, e.toString());
            }
        }
    }
}
