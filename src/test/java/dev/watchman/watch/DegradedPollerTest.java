package dev.watchman.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What inotify does not cover is polled through the debouncer, like any other event source. */
class DegradedPollerTest {
    private static final long INTERVAL = TimeUnit.SECONDS.toNanos(5);
    private static final long DEBOUNCE = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long T0 = 1_000_000_000L;

    @TempDir
    Path tmp;

    @Test
    void aRootOutOfWatchesIsLookedAtWholeOncePerInterval() throws Exception {
        Path root = Files.createDirectory(tmp.resolve("etc"));
        InotifyRegistry reg = InotifyRegistry.open(root, 1, INTERVAL);
        try {
            reg.watchParent();
            reg.watch(root);
            assertTrue(reg.degraded(), "the parent took the only watch");
            Debouncer d = new Debouncer(DEBOUNCE);
            DegradedPoller p = new DegradedPoller(root, INTERVAL, T0);
            p.poll(T0 + INTERVAL - 1, reg, d);
            assertTrue(d.isEmpty(), "not before the interval is up");
            p.poll(T0 + INTERVAL, reg, d);
            assertEquals(List.of(new Debouncer.Due(root, true)), d.takeDue(T0 + INTERVAL));
            p.poll(T0 + INTERVAL + 1, reg, d);
            assertTrue(d.isEmpty(), "once per interval");
            p.poll(T0 + 2 * INTERVAL, reg, d);
            assertEquals(List.of(new Debouncer.Due(root, true)), d.takeDue(T0 + 2 * INTERVAL));
        } finally {
            reg.close();
        }
    }

    @Test
    void aWatchedRootIsNotPolledButOneWhoseParentWatchWentIsWatchedAgainAndLookedAt() throws Exception {
        Path parent = Files.createDirectory(tmp.resolve("srv"));
        Path root = Files.createDirectory(parent.resolve("etc"));
        InotifyRegistry reg = InotifyRegistry.open(root, Integer.MAX_VALUE, INTERVAL);
        try {
            reg.watchParent();
            reg.watch(root);
            Debouncer d = new Debouncer(DEBOUNCE);
            DegradedPoller p = new DegradedPoller(root, INTERVAL, T0);
            p.poll(T0 + INTERVAL, reg, d);
            assertTrue(d.isEmpty(), "inotify covers it");

            Files.delete(root);
            Files.delete(parent);
            // The parent's watch ends with it; the registry learns so when it drains the key.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            InotifyRegistry.Sink ignore = new InotifyRegistry.Sink() {
                @Override
                public void changed(Path path, boolean structural, long now) {
                }

                @Override
                public void overflowed() {
                }
            };
            while (reg.parentWatched()) {
                if (System.nanoTime() - deadline > 0) {
                    fail("the parent's watch did not end");
                }
                reg.drain(100, ignore);
            }
            Files.createDirectories(root);
            assertFalse(reg.parentWatched());
            p.poll(T0 + 2 * INTERVAL, reg, d);
            assertTrue(reg.parentWatched(), "placed again");
            assertEquals(List.of(new Debouncer.Due(root, true)), d.takeDue(T0 + 2 * INTERVAL));
        } finally {
            reg.close();
        }
    }
}
