package dev.watchman.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.watchman.watch.TreeWatcher.Mode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files still being written are not recorded half-way (issue 8, item 7): a large copy is one
 * event with the final content's hash, while an ordinary save stays prompt.
 */
class InFlightWriteTest {
    private static final int MIB = 1 << 20;

    @TempDir
    Path tmp;
    Path root;
    final List<TreeWatcher> watchers = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectory(tmp.resolve("etc"));
    }

    @AfterEach
    void tearDown() {
        watchers.forEach(TreeWatcher::close);
    }

    /** The production default debounce (`debounce_ms = 10`), where a writer's pause easily outlasts it. */
    private TreeWatcher.Builder builder() {
        return TreeWatcher.builder().root(root).mode(Mode.REALTIME).debounce(Duration.ofMillis(10));
    }

    private Recorder start(TreeWatcher.Builder b) {
        TreeWatcher w = b.build();
        Recorder r = new Recorder();
        w.addListener(r);
        watchers.add(w);
        w.start();
        return r;
    }

    private static List<FileChange> changesOf(List<FileChange> cs, Path p) {
        return cs.stream().filter(c -> c.path().equals(p.toString())).toList();
    }

    /** A chunk whose bytes depend on its index, so a prefix of the file never hashes like the whole. */
    private static ByteBuffer chunk(int index, int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i += 512) {
            b[i] = (byte) (index * 31 + i / 512);
        }
        return ByteBuffer.wrap(b);
    }

    @Test
    void cpOfA200MegabyteFileIsOneEventWithTheFinalHash() throws Exception {
        Path source = tmp.resolve("big.img");
        try (FileChannel ch = FileChannel.open(source, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int i = 0; i < 200; i++) {
                ch.write(chunk(i, MIB));
            }
        }
        Recorder r = start(builder());
        Path target = root.resolve("big.img");
        Process cp = new ProcessBuilder("cp", source.toString(), target.toString()).inheritIO().start();
        assertTrue(cp.waitFor(60, TimeUnit.SECONDS) && cp.exitValue() == 0, "cp failed");
        r.awaitChange(target, FileChange.CREATED);
        List<FileChange> cs = changesOf(r.settle(root), target);
        assertEquals(1, cs.size(), Recorder.describe(cs));
        assertEquals(FileChange.CREATED, cs.get(0).changeType());
        assertEquals(FileStates.sha256(target), cs.get(0).currentHash());
        assertEquals(200L * MIB, cs.get(0).current().size());
    }

    /**
     * A writer that pauses longer than the debounce now and then (dirty-page throttling, a slow
     * source) and keeps going for longer than the watcher's forced look (1 s).
     */
    @Test
    void slowWriterWithPausesIsOneEventWithTheFinalHash() throws Exception {
        Recorder r = start(builder());
        Path target = root.resolve("slow.img");
        writeWithPauses(target, 200, MIB, 8, 40);
        // Closing makes no event the watcher sees, so the end is noticed a little later; wait for it.
        r.awaitChange(target, FileChange.CREATED);
        List<FileChange> cs = changesOf(r.settle(root), target);
        assertEquals(1, cs.size(), Recorder.describe(cs));
        assertEquals(FileStates.sha256(target), cs.get(0).currentHash());
        assertEquals(200L * MIB, cs.get(0).current().size());
    }

    /** Without the kernel's answer on open writers (not the owner, NFS), a steady writer still gives one event. */
    @Test
    void withoutTheWriterProbeASteadyWriterIsStillOneEvent() throws Exception {
        // 50 ms: the writer's 1 ms sleeps must not look like its end even on a loaded machine.
        Recorder r = start(builder().debounce(Duration.ofMillis(50)).writerProbe(false));
        Path target = root.resolve("steady.img");
        long t0 = System.nanoTime();
        writeWithPauses(target, 2000, 64 * 1024, 1, 1);
        assertTrue(System.nanoTime() - t0 > TimeUnit.MILLISECONDS.toNanos(1500),
                "the write must outlast the forced look at 1 s to test anything");
        // Without the probe the end is a quiet time as long as the write took (up to 2 s); wait for it.
        r.awaitChange(target, FileChange.CREATED);
        List<FileChange> cs = changesOf(r.settle(root), target);
        assertEquals(1, cs.size(), Recorder.describe(cs));
        assertEquals(FileStates.sha256(target), cs.get(0).currentHash());
    }

    @Test
    void anOrdinarySaveIsStillOnePromptEvent() throws Exception {
        Path f = root.resolve("app.conf");
        Files.writeString(f, "a=1\n");
        Recorder r = start(builder());
        r.settle(root);
        r.clear();
        long t0 = System.nanoTime();
        Files.writeString(f, "a=2\n");
        r.awaitChange(f, FileChange.MODIFIED);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        // The in-flight wait for an open writer is 2 s; an ordinary save must not pay it.
        assertTrue(millis < 1000, "a closed save took " + millis + " ms");
        List<FileChange> cs = changesOf(r.settle(root), f);
        assertEquals(1, cs.size(), Recorder.describe(cs));
        assertEquals(FileStates.sha256(f), cs.get(0).currentHash());
    }

    /** A log-like writer that keeps the file open: recorded once it has been idle for the settle time. */
    @Test
    void aFileHeldOpenByAnIdleWriterIsRecordedOnceItSettles() throws Exception {
        Recorder r = start(builder().inFlight(Duration.ofMillis(500), Duration.ofSeconds(30)));
        Path log = root.resolve("app.log");
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap("line 1\n".getBytes(StandardCharsets.US_ASCII)));
            long t0 = System.nanoTime();
            List<FileChange> cs = changesOf(r.awaitChange(log, FileChange.CREATED), log);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(millis >= 400, "recorded while the writer was active, after " + millis + " ms");
            assertEquals(FileStates.sha256("line 1\n".getBytes(StandardCharsets.US_ASCII)), cs.get(0).currentHash());
        }
    }

    /** A writer that never pauses and never closes is still recorded within the bound. */
    @Test
    void aFileWrittenWithoutPauseIsRecordedWithinTheBound() throws Exception {
        Recorder r = start(builder().inFlight(Duration.ofMillis(500), Duration.ofMillis(1500)));
        Path log = root.resolve("busy.log");
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long t0 = System.nanoTime();
            boolean seen = false;
            while (!seen && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10)) {
                ch.write(ByteBuffer.wrap("tick\n".getBytes(StandardCharsets.US_ASCII)));
                Thread.sleep(5);
                seen = !changesOf(r.all(), log).isEmpty();
            }
            assertTrue(seen, "a file under constant writing was never recorded");
            assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(1400),
                    "recorded before the in-flight bound");
        }
    }

    @Test
    void theProbeSeesAnOpenWriter() throws Exception {
        Path f = root.resolve("probe.txt");
        Files.writeString(f, "x");
        assertEquals(WriterProbe.Answer.CLOSED, WriterProbe.check(f));
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            assertEquals(WriterProbe.Answer.OPEN, WriterProbe.check(f));
            try (FileChannel reader = FileChannel.open(f, StandardOpenOption.READ)) {
                assertEquals(WriterProbe.Answer.OPEN, WriterProbe.check(f), "a reader does not hide the writer");
            }
        }
        assertEquals(WriterProbe.Answer.CLOSED, WriterProbe.check(f));
        try (FileChannel reader = FileChannel.open(f, StandardOpenOption.READ)) {
            assertEquals(WriterProbe.Answer.CLOSED, WriterProbe.check(f), "readers are not writers");
        }
        assertEquals(WriterProbe.Answer.UNKNOWN, WriterProbe.check(root.resolve("missing")));
        Path link = Files.createSymbolicLink(root.resolve("link"), f);
        assertEquals(WriterProbe.Answer.UNKNOWN, WriterProbe.check(link), "symlinks are not followed");
    }

    /**
     * A writer opening the file while the probe holds its lease makes the kernel signal the JVM;
     * the probe picks SIGURG for that, because the default, SIGIO, would end the process.
     */
    @Test
    void aWriterOpeningDuringTheProbesLeaseDoesNotHurtEitherSide() throws Exception {
        Path f = Files.writeString(root.resolve("contended.txt"), "");
        Process writer = new ProcessBuilder("sh", "-c", "while :; do echo x >> '" + f + "'; done").start();
        int open = 0;
        int closed = 0;
        try {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (System.nanoTime() < end) {
                switch (WriterProbe.check(f)) {
                    case OPEN -> open++;
                    case CLOSED -> closed++;
                    default -> throw new AssertionError("the probe could not answer");
                }
            }
            assertTrue(writer.isAlive(), "the writer was not stopped by the leases");
        } finally {
            writer.destroy();
            writer.waitFor(5, TimeUnit.SECONDS);
        }
        assertTrue(open > 0 && closed > 0, "both answers seen: open " + open + ", closed " + closed);
        assertTrue(Files.size(f) > 0, "the writer got through");
    }

    /** Writes {@code chunks} chunks of {@code size} bytes, sleeping {@code pauseMillis} after every {@code every}. */
    private static void writeWithPauses(Path target, int chunks, int size, int every, long pauseMillis)
            throws IOException, InterruptedException {
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int i = 0; i < chunks; i++) {
                ch.write(chunk(i, size));
                if ((i + 1) % every == 0) {
                    Thread.sleep(pauseMillis);
                }
            }
        }
    }
}
