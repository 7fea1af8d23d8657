package dev.watchman.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SourceRunTest {
    /** Records the steps it was asked for; fails in the step named, if any. */
    static class Recording implements Source<String, List<String>> {
        final List<String> steps = new ArrayList<>();
        final String failIn;

        Recording(String failIn) {
            this.failIn = failIn;
        }

        private void step(String s) {
            steps.add(s);
            if (s.equals(failIn)) {
                throw new IllegalStateException(s + " failed");
            }
        }

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public String scan() {
            step("scan");
            return "a\nb";
        }

        @Override
        public List<String> parse(String scanned) {
            step("parse");
            return scanned.lines().toList();
        }

        @Override
        public void write(List<String> parsed) {
            step("write " + parsed);
        }

        @Override
        public void markStale(List<String> parsed) {
            step("stale");
        }
    }

    @Test
    void theStepsRunInOrderAndTheParsedValueComesBack() {
        Recording s = new Recording(null);
        SourceRun.Result<List<String>> r = SourceRun.run(s);
        assertEquals(List.of("scan", "parse", "write [a, b]", "stale"), s.steps);
        assertEquals(List.of("a", "b"), r.parsed());
        assertEquals("recording", r.source());
    }

    @Test
    void nothingIsWrittenWhenScanOrParseFails() {
        for (String step : List.of("scan", "parse")) {
            Recording s = new Recording(step);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> SourceRun.run(s));
            assertEquals(step + " failed", e.getMessage());
            assertEquals(step, s.steps.get(s.steps.size() - 1), "stopped at " + step + ": " + s.steps);
        }
    }

    @Test
    void aJobSkipsARunWhileTheLastIsStillGoingAndKeepsTheLastResult() throws Exception {
        CountDownLatch inScan = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Recording> made = new ArrayList<>();
        Job job = new Job("slow", () -> {
            Recording r = new Recording(null) {
                @Override
                public String scan() {
                    inScan.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return super.scan();
                }
            };
            synchronized (made) {
                made.add(r);
            }
            return r;
        });
        assertNull(job.last());
        Thread first = new Thread(job);
        first.start();
        inScan.await(30, TimeUnit.SECONDS);
        job.run(); // skipped: the first run is in its scan
        release.countDown();
        first.join(30_000);
        assertEquals(1, made.size(), "the second run made no source");
        assertEquals(4, made.get(0).steps.size(), "the first run went through all four steps");
        assertEquals(List.of("a", "b"), job.last().parsed());
        job.run();
        assertEquals(2, made.size(), "a later run goes ahead");
    }

    @Test
    void aFailedJobRunIsReportedAndTheNextOneStartsAfresh() {
        List<String> fail = new ArrayList<>(List.of("scan"));
        Job job = new Job("flaky", () -> new Recording(fail.isEmpty() ? null : fail.remove(0)));
        assertThrows(IllegalStateException.class, job::run);
        job.run();
        assertEquals(List.of("a", "b"), job.last().parsed());
    }
}
