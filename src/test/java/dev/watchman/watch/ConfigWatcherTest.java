package dev.watchman.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigWatcherTest {
    @TempDir
    Path dir;

    @Test
    void firesOnEveryAtomicSaveAndInPlaceWrite() throws Exception {
        Path f = dir.resolve("app.yaml");
        Files.writeString(f, "v: 0\n");
        Semaphore fired = new Semaphore(0);
        ConfigWatcher w = new ConfigWatcher(f, fired::release, Duration.ofSeconds(1));
        w.start();
        try {
            for (int i = 1; i <= 5; i++) {
                // The classic "fires once" case: each save replaces the inode the watch was on.
                Path temp = dir.resolve("app.yaml.part" + i);
                Files.writeString(temp, "v: " + i + "\n");
                Files.move(temp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                assertTrue(fired.tryAcquire(10, TimeUnit.SECONDS), "callback after save " + i);
            }
            Files.writeString(f, "v: in place\n");
            assertTrue(fired.tryAcquire(10, TimeUnit.SECONDS), "callback after in-place write");
        } finally {
            w.stop();
        }
    }

    @Test
    void touchingWithoutChangeDoesNotReloadAndAFailingCallbackKeepsWatching() throws Exception {
        Path f = dir.resolve("app.yaml");
        Files.writeString(f, "v: 0\n");
        AtomicInteger calls = new AtomicInteger();
        Semaphore fired = new Semaphore(0);
        ConfigWatcher w = new ConfigWatcher(f, () -> {
            calls.incrementAndGet();
            fired.release();
            throw new IllegalStateException("application reload failed");
        });
        w.start();
        try {
            Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(0));
            Files.writeString(f, "v: 1\n");
            assertTrue(fired.tryAcquire(10, TimeUnit.SECONDS));
            Files.writeString(f, "v: 2\n");
            assertTrue(fired.tryAcquire(10, TimeUnit.SECONDS), "still watching after the callback threw");
            assertEquals(2, calls.get(), "the touch alone did not fire");
        } finally {
            w.stop();
        }
    }

    @Test
    void stopEndsTheThreadPromptly() throws Exception {
        Path f = dir.resolve("x.conf");
        ConfigWatcher w = new ConfigWatcher(f, () -> { });
        w.start();
        String name = "watchman-watch-" + f.toAbsolutePath().normalize();
        assertTrue(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name)), "named after the file");
        long t0 = System.nanoTime();
        w.stop();
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals(name) && t.isAlive()));
    }
}
