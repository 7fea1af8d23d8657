package dev.watchman.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InFlightTest {
    private static final long DEBOUNCE = Duration.ofMillis(10).toNanos();

    @TempDir
    Path tmp;

    private static FileStates.Stat stat(long size, Instant ctime) {
        return new FileStates.Stat(dev.watchman.fs.FileKind.FILE, 0644, 0, 0, size, ctime, ctime, 42L);
    }

    @Test
    void aHashOfAFileThatMovedWhileReadIsThrownAway() {
        InFlight f = new InFlight(Duration.ofSeconds(2), Duration.ofSeconds(30), DEBOUNCE, false);
        Path p = tmp.resolve("a");
        Instant t = Instant.now().minusSeconds(5);
        assertEquals(0, f.afterHash(p, stat(10, t), stat(10, t)), "unchanged while read: keep the hash");
        assertTrue(f.afterHash(p, stat(10, t), stat(20, t.plusMillis(1))) > 0, "grew while read: look again");
        assertTrue(f.afterHash(p, stat(10, t), null) > 0, "gone while read: look again");
    }

    @Test
    void waitingIsBounded() throws Exception {
        InFlight f = new InFlight(Duration.ofSeconds(2), Duration.ofMillis(50), DEBOUNCE, false);
        Path p = tmp.resolve("a");
        Instant t = Instant.now();
        assertTrue(f.afterHash(p, stat(10, t), stat(20, t)) > 0);
        Thread.sleep(60);
        assertEquals(0, f.afterHash(p, stat(20, t), stat(30, t)), "past the limit the file is recorded as it is");
        assertEquals(0, f.beforeHash(p, stat(30, Instant.now()), false));
    }

    @Test
    void withoutTheProbeOnlyAFreshChangeWaitsAndThenLongerTheLongerItWasWritten() throws Exception {
        InFlight f = new InFlight(Duration.ofSeconds(2), Duration.ofSeconds(30), DEBOUNCE, false);
        Path p = tmp.resolve("a");
        assertEquals(0, f.beforeHash(p, stat(1, Instant.now().minusMillis(50)), false), "quiet: no wait");
        assertEquals(0, f.beforeHash(p, stat(1, Instant.now()), true), "a rescan caller does not wait on recency");
        long first = f.beforeHash(p, stat(1, Instant.now()), false);
        assertTrue(first > 0 && first <= DEBOUNCE, "changed just now: " + first);
        Thread.sleep(300);
        long later = f.beforeHash(p, stat(2, Instant.now().minusMillis(50)), false);
        assertTrue(later > Duration.ofMillis(200).toNanos(),
                "written for 300 ms, a 50 ms pause is not its end: " + later);
        f.done(p.toString());
        assertEquals(0, f.beforeHash(p, stat(2, Instant.now().minusMillis(50)), false), "done: starts afresh");
    }

    @Test
    void anOpenWriterIsAskedAgainSoonAndAClosedFileGoesAhead() throws Exception {
        InFlight f = new InFlight(Duration.ofSeconds(2), Duration.ofSeconds(30), DEBOUNCE, true);
        Path p = Files.writeString(tmp.resolve("a"), "x");
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            long wait = f.beforeHash(p, FileStates.stat(p), false);
            assertTrue(wait > 0 && wait <= Duration.ofMillis(100).toNanos(), "open writer: " + wait);
            FileStates.Stat idle = stat(1, Instant.now().minusSeconds(3));
            assertEquals(0, f.beforeHash(p, idle, false), "open but still for the settle time: recorded");
        }
        assertEquals(0, f.beforeHash(p, FileStates.stat(p), false), "closed: go ahead");
    }
}
