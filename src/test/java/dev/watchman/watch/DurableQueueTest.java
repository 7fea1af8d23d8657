package dev.watchman.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableQueueTest {
    @TempDir
    Path dir;

    record Item(int n, String text) {
    }

    private static List<Item> items(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> new Item(i, "item " + i)).toList();
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
        }
    }

    @Test
    void appendReopenAndReadInOrder() throws Exception {
        try (DurableQueue<Item> q = new DurableQueue<>(dir, Item.class)) {
            q.append(items(0, 3));
            q.append(items(3, 4));
            q.append(List.of());
            q.append(items(4, 10));
            assertEquals(10, q.size());
            assertEquals(items(0, 4), q.peek(4));
        }
        try (DurableQueue<Item> q = new DurableQueue<>(dir, Item.class)) {
            assertEquals(10, q.size());
            assertEquals(items(0, 10), q.peek(100));
            assertEquals(items(0, 10), q.peek(100), "peek does not consume");
        }
    }

    @Test
    void ackIsDurableAndReadingResumesMidBatch() throws Exception {
        try (DurableQueue<Item> q = new DurableQueue<>(dir, Item.class)) {
            q.append(items(0, 5));
            q.append(items(5, 10));
            q.ack(3);
            assertEquals(items(3, 7), q.peek(4));
            assertThrows(IllegalArgumentException.class, () -> q.ack(8));
        }
        try (DurableQueue<Item> q = new DurableQueue<>(dir, Item.class)) {
            assertEquals(7, q.size());
            assertEquals(items(3, 10), q.peek(100));
            q.ack(7);
            assertEquals(0, q.size());
            assertEquals(List.of(), q.peek(10));
            q.append(items(10, 12));
        }
        try (DurableQueue<Item> q = new DurableQueue<>(dir, Item.class)) {
            assertEquals(items(10, 12), q.peek(10));
        }
    }

    @Test
    void tornLastRecordIsDroppedAndEarlierRecordsSurvive() throws Exception {
        try (DurableQueue<Item> q = new DurableQueue<>(dir, Item.class)) {
            q.append(items(0, 2));
            q.append(items(2, 4));
            q.append(items(4, 6));
        }
        Path seg = segments().get(0);
        long size = Files.size(seg);
        // kill -9 in the middle of the third append: only part of its bytes reached the disk.
        try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
            ch.truncate(size - 7);
        }
        try (DurableQueue<Item> q = new DurableQueue<>(dir, Item.class)) {
            assertEquals(items(0, 4), q.peek(100));
            q.append(items(100, 101));
            assertEquals(5, q.size());
        }
        try (DurableQueue<Item> q = new DurableQueue<>(dir, Item.class)) {
            List<Item> expected = new ArrayList<>(items(0, 4));
            expected.addAll(items(100, 101));
            assertEquals(expected, q.peek(100));
        }
    }

    @Test
    void garbageAfterTheLastRecordIsDetectedByCrc() throws Exception {
        try (DurableQueue<Item> q = new DurableQueue<>(dir, Item.class)) {
            q.append(items(0, 2));
        }
        Path seg = segments().get(0);
        try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            // A plausible header (length 4) whose CRC does not match its bytes.
            ch.write(ByteBuffer.allocate(24).putInt(4).putInt(12345).putLong(3).putInt(1).putInt(0).flip());
        }
        try (DurableQueue<Item> q = new DurableQueue<>(dir, Item.class)) {
            assertEquals(items(0, 2), q.peek(100));
            assertEquals(2, q.size());
        }
    }

    @Test
    void segmentsRotateAndAreDeletedOnceAcked() throws Exception {
        try (DurableQueue<Item> q = new DurableQueue<>(dir, Item.class, 200)) {
            for (int i = 0; i < 20; i++) {
                q.append(items(i * 2, i * 2 + 2));
            }
            int before = segments().size();
            assertTrue(before > 5, "rotated into " + before + " segments");
            q.ack(30);
            assertTrue(segments().size() < before, "acked segments deleted");
            assertEquals(items(30, 40), q.peek(100));
        }
        try (DurableQueue<Item> q = new DurableQueue<>(dir, Item.class, 200)) {
            assertEquals(items(30, 40), q.peek(100));
            q.ack(10);
            q.append(items(40, 41));
            assertEquals(items(40, 41), q.peek(100));
        }
    }

    @Test
    void fileChangesRoundTripWithInstants() throws Exception {
        KnownState st = new KnownState(KnownState.FILE, "ab".repeat(32), 12, 0640, 0, 4, Instant.parse("2025-01-02T03:04:05.123456789Z"),
                Instant.parse("2025-01-02T03:04:06Z"), 77L, null);
        List<FileChange> batch = List.of(
                new FileChange("/etc/a", FileChange.MODIFIED, "cd".repeat(32), "ab".repeat(32),
                        List.of(FileChange.CONTENT, FileChange.MODE), Instant.parse("2025-06-07T08:09:10.5Z"), true, st),
                new FileChange("/etc/b", FileChange.DELETED, "ef".repeat(32), null, List.of(), Instant.now(), false, null));
        try (DurableQueue<FileChange> q = new DurableQueue<>(dir, FileChange.class)) {
            q.append(batch);
        }
        try (DurableQueue<FileChange> q = new DurableQueue<>(dir, FileChange.class)) {
            assertEquals(batch, q.peek(10));
        }
    }

    @Test
    void aSecondOpenOfTheSameQueueIsRefused() throws Exception {
        try (DurableQueue<Item> q = new DurableQueue<>(dir, Item.class)) {
            IOException e = assertThrows(IOException.class, () -> new DurableQueue<>(dir, Item.class));
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
            assertFalse(q.size() != 0);
        }
    }

    @Test
    void tenThousandItemsThroughput() throws Exception {
        List<Item> all = items(0, 10_000);
        long t0 = System.nanoTime();
        try (DurableQueue<Item> q = new DurableQueue<>(dir, Item.class)) {
            for (int i = 0; i < 100; i++) {
                q.append(all.subList(i * 100, i * 100 + 100));
            }
            long t1 = System.nanoTime();
            int read = 0;
            while (q.size() > 0) {
                List<Item> got = q.peek(1000);
                assertEquals(all.subList(read, read + got.size()), got);
                q.ack(got.size());
                read += got.size();
            }
            long t2 = System.nanoTime();
            assertEquals(10_000, read);
            System.out.printf("DurableQueue: 10,000 items in 100 fsynced appends %.0f ms (%.0f items/s); "
                    + "drained by peek(1000)/ack %.0f ms%n", (t1 - t0) / 1e6, 10_000 / ((t1 - t0) / 1e9), (t2 - t1) / 1e6);
        }
        long t3 = System.nanoTime();
        try (DurableQueue<Item> q = new DurableQueue<>(dir.resolve("single"), Item.class)) {
            for (int i = 0; i < 1000; i++) {
                q.append(List.of(all.get(i)));
            }
        }
        System.out.printf("DurableQueue: 1,000 single-item fsynced appends %.0f ms (%.2f ms each)%n",
                (System.nanoTime() - t3) / 1e6, (System.nanoTime() - t3) / 1e6 / 1000);
    }
}
