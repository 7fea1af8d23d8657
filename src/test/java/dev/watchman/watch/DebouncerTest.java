package dev.watchman.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Coalescing on a made-up clock: every time below is a nanoTime value the test chooses. */
class DebouncerTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long DEBOUNCE = 100 * MS;
    /** The most a path written without pause waits: ten debounces, at least a second. */
    private static final long MAX_DELAY = 1000 * MS;
    private static final long T0 = 5_000_000_000L;
    private static final Path A = Path.of("/etc/a.conf");
    private static final Path B = Path.of("/etc/b.conf");

    private final Debouncer d = new Debouncer(DEBOUNCE);

    @Test
    void aPathIsDueOnceItHasBeenQuietForTheDebounceAndThenOnlyOnce() {
        d.event(A, T0, false);
        assertEquals(List.of(), d.takeDue(T0 + DEBOUNCE - 1));
        assertEquals(List.of(new Debouncer.Due(A, false)), d.takeDue(T0 + DEBOUNCE));
        assertEquals(List.of(), d.takeDue(T0 + 10 * DEBOUNCE));
        assertTrue(d.isEmpty());
    }

    @Test
    void eventsCoalesceIntoOneLookThatIsDeepIfAnyWasStructural() {
        d.event(A, T0, false);
        d.event(A, T0 + 50 * MS, true);
        d.event(A, T0 + 90 * MS, false);
        assertEquals(List.of(), d.takeDue(T0 + DEBOUNCE), "each event restarts the quiet time");
        assertEquals(List.of(new Debouncer.Due(A, true)), d.takeDue(T0 + 90 * MS + DEBOUNCE));
    }

    @Test
    void aPathThatNeverGoesQuietIsStillLookedAtAfterTheMaximumDelay() {
        long t = T0;
        for (; t < T0 + MAX_DELAY; t += 10 * MS) {
            d.event(A, t, false);
            assertEquals(List.of(), d.takeDue(t));
        }
        d.event(A, t, false);
        assertEquals(List.of(new Debouncer.Due(A, false)), d.takeDue(t));
    }

    @Test
    void dueOrderIsTheOrderPathsFirstCameUp() {
        d.event(B, T0, false);
        d.event(A, T0 + MS, true);
        d.event(B, T0 + 2 * MS, false);
        assertEquals(List.of(new Debouncer.Due(B, false), new Debouncer.Due(A, true)), d.takeDue(T0 + 2 * DEBOUNCE));
    }

    @Test
    void aFileInFlightIsLookedAtAgainWithoutAnyEvent() {
        // InFlight found A still open for writing: look again in 300 ms, whatever happens meanwhile.
        d.recheckAt(A, T0 + 300 * MS);
        assertEquals(List.of(), d.takeDue(T0 + 299 * MS));
        assertEquals(List.of(new Debouncer.Due(A, false)), d.takeDue(T0 + 300 * MS));
    }

    @Test
    void theEarlierOfARecheckAndTheEventsDecides() {
        d.recheckAt(A, T0 + 500 * MS);
        d.recheckAt(A, T0 + 900 * MS);
        d.event(A, T0, false);
        assertEquals(List.of(new Debouncer.Due(A, false)), d.takeDue(T0 + DEBOUNCE), "a write brings the recheck forward");

        d.event(B, T0, false);
        d.recheckAt(B, T0 + 20 * MS);
        assertEquals(List.of(new Debouncer.Due(B, false)), d.takeDue(T0 + 20 * MS), "and a recheck the events' look");
    }

    @Test
    void aPollAsksForADeepLookAtOnceAndFoldsWhatWasPendingThere() {
        Path root = Path.of("/etc");
        d.event(root, T0, false);
        d.lookNow(root, T0 + MS);
        assertTrue(d.waitMillis(T0 + MS, 250) <= 1, "no quiet period for a poll");
        assertEquals(List.of(new Debouncer.Due(root, true)), d.takeDue(T0 + MS));
        assertTrue(d.isEmpty());
    }

    @Test
    void theWaitIsUntilTheNextDuePathAndNeverMoreThanTheCap() {
        assertEquals(250, d.waitMillis(T0, 250), "nothing pending");
        d.event(A, T0, false);
        d.recheckAt(B, T0 + 40 * MS);
        assertEquals(41, d.waitMillis(T0, 250), "B's recheck first, rounded up");
        assertEquals(30, d.waitMillis(T0, 30));
        assertTrue(d.waitMillis(T0 + 2 * DEBOUNCE, 250) <= 0, "overdue: do not wait");
    }

    @Test
    void aFullScanDropsWhatItCovers() {
        d.event(A, T0, false);
        d.event(Path.of("/etc/sub/c"), T0, false);
        d.event(Path.of("/etc2/d"), T0, false);
        d.dropUnder(Path.of("/etc"));
        assertEquals(List.of(new Debouncer.Due(Path.of("/etc2/d"), false)), d.takeDue(T0 + DEBOUNCE));
        d.event(A, T0, false);
        d.clear();
        assertTrue(d.isEmpty());
    }

    @Test
    void aFileAScanFoundMidChangeIsHeldBackOnceUntilLookedAt() {
        assertTrue(d.holdBack("/etc/a.conf"), "first find: give it a quiet period");
        assertFalse(d.holdBack("/etc/a.conf"), "found again: look now");
        d.release("/etc/a.conf");
        assertTrue(d.holdBack("/etc/a.conf"), "looked at since: may be held back again");
    }
}
