package dev.watchman.snapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/** Small helpers shared by the snapshot tests. */
final class ScanFixtures {

    private ScanFixtures() {
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    static String sha256(String text) throws Exception {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path root, String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    /*
     * PriorEntry refuses files whose ctime is within 50 ms of the prior scan's start (racy
     * window). Tests that expect reuse wait this long between creating files and scanning.
     */
    static void pastRacyWindow() throws InterruptedException {
        Thread.sleep(80);
    }

    static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(cmd + " failed: " + out);
        }
    }

    static ScanOptions opts() {
        return ScanOptions.defaults().withThreads(2);
    }

    static long mtimeNanos(Path p) throws IOException {
        var i = Files.getLastModifiedTime(p).toInstant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
