package dev.watchman.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void showsRatesAndEtaThenClearsTheLine() {
        ScanProgress p = new ScanProgress(5_000, 40_000_000, 2_000, 20_000_000, 15_000, Duration.ofSeconds(2));
        assertEquals("scanning: 5,000 entries, 2,000 hashed, 2,500 files/s, 10.0 MB/s, ETA 0:04",
                Progress.format(p));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        progress.update(p);
        progress.finished(p);
        String out = bytes.toString(StandardCharsets.UTF_8);
        String line = Progress.format(p);
        assertEquals("\r" + line + "\r" + " ".repeat(line.length()) + "\r", out);
        assertTrue(Progress.format(new ScanProgress(1, 0, 0, 0, -1, Duration.ofSeconds(1))).endsWith("0.0 MB/s"));
    }
}
