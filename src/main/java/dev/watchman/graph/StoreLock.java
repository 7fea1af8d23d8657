package dev.watchman.graph;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Who owns the embedded store. The process that opens it holds an exclusive lock on
 * {@code data_dir/watchman.lock} and writes "role pid state" into it (and, once ready, its ports),
 * so another process knows whether to wait (serve is starting) or report who holds it and where
 * it answers, and never opens the store twice.
 */
final class StoreLock implements AutoCloseable {
    static final String FILE = "watchman.lock";

    /**
     * One line, "role pid state", and once ready the ports the owner listens on: "bolt=PORT" and,
     * for serve with the Browser, "http=PORT". Readers take the first three fields and the
     * key=value fields they know, so a line from another version still parses.
     *
     * @param boltPort null when not recorded (still starting, or written by an older version)
     * @param httpPort null when not recorded or there is no HTTP connector
     */
    record Owner(String role, long pid, String state, Integer boltPort, Integer httpPort) {
        static Owner parse(String text) {
            String[] f = text.trim().split("\\s+");
            if (f.length < 3) {
                return null;
            }
            try {
                Integer bolt = null;
                Integer http = null;
                for (int i = 3; i < f.length; i++) {
                    if (f[i].startsWith("bolt=")) {
                        bolt = Integer.valueOf(f[i].substring(5));
                    } else if (f[i].startsWith("http=")) {
                        http = Integer.valueOf(f[i].substring(5));
                    }
                }
                return new Owner(f[0], Long.parseLong(f[1]), f[2], bolt, http);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    private final FileChannel channel;
    private final FileLock lock;
    private final String role;

    private StoreLock(FileChannel channel, FileLock lock, String role) {
        this.channel = channel;
        this.lock = lock;
        this.role = role;
    }

    /** The lock, or null when another process holds it. */
    static StoreLock tryAcquire(Path dataDir, String role) {
        Path file = dataDir.resolve(FILE);
        try {
            Files.createDirectories(dataDir);
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                ch.close();
                return null;
            }
            StoreLock s = new StoreLock(ch, l, role);
            s.state("starting");
            return s;
        } catch (IOException e) {
            throw new WatchmanException(ExitCode.IO, "data_dir " + dataDir + " is not usable: cannot write "
                    + file + " (" + e.getMessage() + "); fix its permissions or set data_dir", e);
        }
    }

    /** The current owner as written in the lock file, or null when unknown. */
    static Owner owner(Path dataDir) {
        try {
            return Owner.parse(Files.readString(dataDir.resolve(FILE), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null;
        }
    }

    void state(String state) throws IOException {
        write(state);
    }

    /** State "ready", with the ports this process listens on for the store. */
    void ready(int boltPort, Integer httpPort) throws IOException {
        write("ready bolt=" + boltPort + (httpPort == null ? "" : " http=" + httpPort));
    }

    private void write(String state) throws IOException {
        byte[] b = (role + " " + ProcessHandle.current().pid() + " " + state + "\n").getBytes(StandardCharsets.UTF_8);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(b), 0);
        channel.force(false);
    }

    @Override
    public void close() {
        try {
            channel.truncate(0);
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // The lock goes with the process anyway; nothing to recover here.
        }
    }
}
