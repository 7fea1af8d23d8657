package dev.watchman.snapshot;

import static dev.watchman.snapshot.ScanFixtures.opts;
import static dev.watchman.snapshot.ScanFixtures.pastRacyWindow;
import static dev.watchman.snapshot.ScanFixtures.sha256;
import static dev.watchman.snapshot.ScanFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import dev.watchman.fs.PathNames;
import dev.watchman.snapshot.ScannedEntry.Kind;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScannerTest {

    private static final String EMPTY_SHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @TempDir
    Path root;

    @TempDir
    Path outside;

    private final Scanner scanner = new Scanner();

    @Test
    void recordsEmptyFilesAndEmptyDirectoriesButNotTheRoot() throws Exception {
        Files.createFile(root.resolve("empty"));
        Files.createDirectories(root.resolve("a/empty-dir"));
        write(root, "a/b.conf", "port = 22\n");
        Files.setPosixFilePermissions(root.resolve("a/b.conf"), PosixFilePermissions.fromString("rw-r-----"));

        ScanResult r = scanner.scan(root, opts());
        Map<String, ScannedEntry> by = r.byPath();

        assertEquals(List.of("a", "a/b.conf", "a/empty-dir", "empty"), List.copyOf(by.keySet()));
        assertEquals(Kind.FILE, by.get("empty").kind());
        assertEquals(0, by.get("empty").size());
        assertEquals(EMPTY_SHA, by.get("empty").sha256());
        assertEquals(Kind.DIR, by.get("a/empty-dir").kind());
        assertNull(by.get("a/empty-dir").sha256());
        ScannedEntry conf = by.get("a/b.conf");
        assertEquals(sha256("port = 22\n"), conf.sha256());
        assertEquals(0640, conf.mode());
        assertEquals(10, conf.size());
        assertEquals(Files.getAttribute(root.resolve("a/b.conf"), "unix:ino"), conf.inode());
        assertEquals(2, r.totals().files());
        assertEquals(10, r.totals().bytes());
        assertEquals(2, r.totals().hashedFiles());
        assertTrue(r.complete());
    }

    @Test
    void recordsSpecialModeBits() throws Exception {
        write(root, "tool", "#!/bin/sh\n");
        Files.createDirectory(root.resolve("shared"));
        ScanFixtures.run(List.of("chmod", "4755", root.resolve("tool").toString()));
        ScanFixtures.run(List.of("chmod", "3777", root.resolve("shared").toString()));

        Map<String, ScannedEntry> by = scanner.scan(root, opts()).byPath();

        assertEquals(04755, by.get("tool").mode());
        assertEquals(03777, by.get("shared").mode());
    }

    @Test
    void recordsSymlinksWithoutFollowingThem() throws Exception {
        write(outside, "secret/key.pem", "outside the root");
        Files.createSymbolicLink(root.resolve("out"), outside.resolve("secret"));
        Files.createSymbolicLink(root.resolve("dangling"), Path.of("no/such/target"));

        ScanResult r = scanner.scan(root, opts());
        Map<String, ScannedEntry> by = r.byPath();

        assertEquals(List.of("dangling", "out"), List.copyOf(by.keySet()));
        assertEquals(Kind.SYMLINK, by.get("out").kind());
        assertEquals(outside.resolve("secret").toString(), by.get("out").linkTarget());
        assertNull(by.get("out").sha256());
        assertEquals(Kind.SYMLINK, by.get("dangling").kind());
        assertEquals("no/such/target", by.get("dangling").linkTarget());
        assertEquals(0, r.totals().hashedFiles());
        assertEquals(0, r.totals().unreadable());
    }

    @Test
    void fifoIsOtherAndNeverOpened() throws Exception {
        ScanFixtures.run(List.of("mkfifo", root.resolve("pipe").toString()));
        write(root, "x", "x");

        ScanResult r = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> scanner.scan(root, opts()));

        assertEquals(Kind.OTHER, r.byPath().get("pipe").kind());
        assertNull(r.byPath().get("pipe").sha256());
        assertEquals(1, r.totals().hashedFiles());
    }

    /* As root every file is readable, so this goes through the opener seam; UnprivilegedScanTest
       covers the real thing by scanning as "nobody". */
    @Test
    void unreadableFileIsRecordedWithReasonAndScanCompletes() throws Exception {
        write(root, "secret.conf", "s");
        write(root, "ok.conf", "ok");
        FileOpener denying = p -> {
            if (p.endsWith("secret.conf")) {
                throw new AccessDeniedException(p.toString());
            }
            return FileOpener.DEFAULT.open(p);
        };

        ScanResult r = new Scanner(denying, Scanner.DEFAULT_BUFFER).scan(root, opts());

        ScannedEntry secret = r.byPath().get("secret.conf");
        assertEquals(Kind.UNREADABLE, secret.kind());
        assertEquals("permission denied", secret.error());
        assertEquals(1, secret.size());
        assertNull(secret.sha256());
        assertEquals(sha256("ok"), r.byPath().get("ok.conf").sha256());
        assertEquals(1, r.totals().unreadable());
        assertEquals(1, r.totals().files());
        assertTrue(r.complete());
    }

    @Test
    void fileChangedWhileHashedIsReadAgain() throws Exception {
        Path f = write(root, "grows.conf", "v1\n");
        AtomicInteger opens = new AtomicInteger();
        FileOpener changingOnce = p -> {
            if (opens.getAndIncrement() == 0) {
                Files.writeString(p, "v2 longer\n");
            }
            return FileOpener.DEFAULT.open(p);
        };

        ScanResult r = new Scanner(changingOnce, Scanner.DEFAULT_BUFFER).scan(root, opts());

        ScannedEntry e = r.byPath().get("grows.conf");
        assertEquals(2, opens.get());
        assertEquals(sha256("v2 longer\n"), e.sha256());
        assertEquals(Files.size(f), e.size());
        assertNull(e.error());
        assertEquals(0, r.totals().changedDuringScan());
    }

    @Test
    void fileThatKeepsChangingIsFlagged() throws Exception {
        Path f = write(root, "log", "0\n");
        FileOpener alwaysChanging = p -> {
            Files.writeString(p, "more\n", StandardOpenOption.APPEND);
            return FileOpener.DEFAULT.open(p);
        };

        ScanResult r = new Scanner(alwaysChanging, Scanner.DEFAULT_BUFFER).scan(root, opts());

        ScannedEntry e = r.byPath().get("log");
        assertEquals(Kind.FILE, e.kind());
        assertEquals(ScannedEntry.CHANGED_DURING_SCAN, e.error());
        assertTrue(e.unstable());
        assertEquals(Files.size(f), e.size());
        assertEquals(1, r.totals().changedDuringScan());
        assertNull(PriorEntry.of(e, r.startedAt().plusSeconds(3600)), "an unstable hash is never cached");
    }

    @Test
    void fileVanishingDuringScanIsSkippedAndCounted() throws Exception {
        write(root, "gone.conf", "bye");
        write(root, "stays.conf", "hi");
        FileOpener deleting = p -> {
            if (p.endsWith("gone.conf")) {
                Files.delete(p);
            }
            return FileOpener.DEFAULT.open(p);
        };

        ScanResult r = new Scanner(deleting, Scanner.DEFAULT_BUFFER).scan(root, opts());

        assertEquals(List.of("stays.conf"), List.copyOf(r.byPath().keySet()));
        assertEquals(1, r.totals().vanished());
        assertEquals(0, r.totals().unreadable());
        assertTrue(r.complete());
    }

    @Test
    void hardLinksAreHashedOncePerScan() throws Exception {
        Path a = write(root, "a/one", "shared content");
        Files.createDirectories(root.resolve("b"));
        Files.createLink(root.resolve("b/two"), a);
        Files.createLink(root.resolve("three"), a);
        write(root, "other", "different");
        AtomicInteger opens = new AtomicInteger();
        FileOpener counting = p -> {
            opens.incrementAndGet();
            return FileOpener.DEFAULT.open(p);
        };

        ScanResult r = new Scanner(counting, Scanner.DEFAULT_BUFFER).scan(root, opts());

        Map<String, ScannedEntry> by = r.byPath();
        String sha = sha256("shared content");
        assertEquals(sha, by.get("a/one").sha256());
        assertEquals(sha, by.get("b/two").sha256());
        assertEquals(sha, by.get("three").sha256());
        assertEquals(3, by.get("three").nlink());
        assertEquals(2, opens.get());
        assertEquals(2, r.totals().hashedFiles());
        assertEquals(4, r.totals().files());
    }

    @Test
    void awkwardNamesAreKeptExactly() throws Exception {
        write(root, "with space.conf", "1");
        write(root, "new\nline", "2");
        write(root, "back\\slash", "3");
        write(root, "caf\u00e9/\u65e5\u672c", "4");

        Map<String, ScannedEntry> by = scanner.scan(root, opts()).byPath();

        assertEquals(sha256("1"), by.get("with space.conf").sha256());
        assertEquals(sha256("2"), by.get("new\nline").sha256());
        assertEquals(sha256("3"), by.get("back\\\\slash").sha256());
        assertEquals(sha256("4"), by.get("caf\u00e9/\u65e5\u672c").sha256());
        assertEquals("3", Files.readString(PathNames.resolve(root, "back\\\\slash")));
    }

    @Test
    void nonUtf8NamesAreEscapedUniquelyAndResolveBack() throws Exception {
        // Created by Python from raw bytes so the test does not depend on our own encoder.
        ScanFixtures.run(List.of("python3", "-c", String.join("\n",
                "import os, sys",
                "r = os.fsencode(sys.argv[1])",
                "for n, body in [(b'bad\\xff.conf', b'A'), (b'bad\\xfe.conf', b'B'),",
                "                (b'\\xed\\xa0\\x80', b'C'), (b'caf\\xc3\\xa9', b'D'), (b'lone\\xc3', b'E')]:",
                "    open(os.path.join(r, n), 'wb').write(body)",
                "os.symlink(b'target\\xff', os.path.join(r, b'link'))"), root.toString()));

        Map<String, ScannedEntry> by = scanner.scan(root, opts()).byPath();

        assertEquals(List.of("\\xed\\xa0\\x80", "bad\\xfe.conf", "bad\\xff.conf", "caf\u00e9", "link",
                "lone\\xc3"), List.copyOf(by.keySet()));
        assertEquals(sha256("A"), by.get("bad\\xff.conf").sha256());
        assertEquals(sha256("B"), by.get("bad\\xfe.conf").sha256());
        assertEquals(sha256("C"), by.get("\\xed\\xa0\\x80").sha256());
        assertEquals("target\\xff", by.get("link").linkTarget());
        assertEquals("E", Files.readString(PathNames.resolve(root, "lone\\xc3")));
    }

    @Test
    void rootProblemsAreErrorsNotEmptyResults() throws Exception {
        Path missing = root.resolve("missing");
        WatchmanException e = assertThrows(WatchmanException.class, () -> scanner.scan(missing, opts()));
        assertEquals(ExitCode.USAGE, e.exitCode(), "a missing directory is a bad argument, as a file is");
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());

        Path file = write(root, "file", "x");
        e = assertThrows(WatchmanException.class, () -> scanner.scan(file, opts()));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());

        e = assertThrows(WatchmanException.class,
                () -> scanner.scan(root, opts().withExcludes(List.of("[oops"))));
        assertEquals(ExitCode.USAGE, e.exitCode());
    }

    @Test
    void unchangedTreeIsNotReadAgainButStealthChangeIs() throws Exception {
        for (int i = 0; i < 20; i++) {
            write(root, "d" + (i % 3) + "/f" + i + ".conf", "value = " + i + "\n");
        }
        pastRacyWindow();
        ScanResult first = scanner.scan(root, opts());
        assertEquals(20, first.totals().hashedFiles());

        ScanResult second = scanner.scan(root, opts().withPrior(PriorLookup.of(first)));
        assertEquals(0, second.totals().hashedFiles());
        assertEquals(20, second.totals().reused());
        assertEquals(first.entries(), second.entries());

        // Same size, same mtime (restored to the nanosecond), different content: only ctime moves.
        Path f = root.resolve("d1/f7.conf");
        FileTime mtime = Files.getLastModifiedTime(f);
        Files.writeString(f, "value = 8\n");
        Files.setLastModifiedTime(f, mtime);
        ScannedEntry before = second.byPath().get("d1/f7.conf");
        assertEquals(before.mtimeNanos(), ScanFixtures.mtimeNanos(f), "precondition: mtime restored");

        ScanResult third = scanner.scan(root, opts().withPrior(PriorLookup.of(second)));
        assertEquals(1, third.totals().hashedFiles());
        assertEquals(sha256("value = 8\n"), third.byPath().get("d1/f7.conf").sha256());
        Drift drift = DriftCalculator.between(second, third);
        assertEquals(List.of(new Drift.Modified("d1/f7.conf", before.sha256(), sha256("value = 8\n"),
                List.of("content"))), drift.modified());
        assertTrue(drift.added().isEmpty() && drift.removed().isEmpty());

        ScanResult full = scanner.scan(root, opts().withPrior(PriorLookup.of(third)).withFullRehash(true));
        assertEquals(20, full.totals().hashedFiles());
        assertEquals(0, full.totals().reused());
    }

    @Test
    void filesWrittenJustBeforeAScanAreNotTrustedAsCache() throws Exception {
        write(root, "fresh.conf", "new");
        ScanResult first = scanner.scan(root, opts());
        // Deterministic under any load: pin the prior scan's start to the file's own ctime (the same
        // clock tick as the write), then to well after it.
        java.time.Instant sameTick = java.time.Instant.ofEpochSecond(0, first.byPath().get("fresh.conf").ctimeNanos());

        ScanResult second = scanner.scan(root, opts().withPrior(PriorLookup.of(first.entries(), sameTick)));
        assertEquals(1, second.totals().hashedFiles());
        assertEquals(0, second.totals().reused());

        ScanResult third = scanner.scan(root, opts().withPrior(PriorLookup.of(first.entries(), sameTick.plusSeconds(5))));
        assertEquals(0, third.totals().hashedFiles());
        assertEquals(1, third.totals().reused());
    }

    @Test
    void largeFileIsStreamedThroughAFixedBuffer() throws Exception {
        Path big = root.resolve("big.img");
        long size = (96L << 20) + 12345;
        try (RandomAccessFile raf = new RandomAccessFile(big.toFile(), "rw")) {
            raf.setLength(size);
            raf.seek(size - 5);
            raf.write("tail!".getBytes(StandardCharsets.US_ASCII));
            raf.seek(1 << 20);
            raf.write("middle".getBytes(StandardCharsets.US_ASCII));
        }
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] chunk = new byte[1 << 20];
        try (var in = Files.newInputStream(big)) {
            for (int n; (n = in.read(chunk)) > 0; ) {
                md.update(chunk, 0, n);
            }
        }
        String expected = HexFormat.of().formatHex(md.digest());
        AtomicLong largestRead = new AtomicLong();
        AtomicLong reads = new AtomicLong();
        FileOpener recording = p -> {
            ReadableByteChannel ch = FileOpener.DEFAULT.open(p);
            return new ReadableByteChannel() {
                @Override
                public int read(ByteBuffer dst) throws IOException {
                    largestRead.accumulateAndGet(dst.remaining(), Math::max);
                    reads.incrementAndGet();
                    return ch.read(dst);
                }

                @Override
                public boolean isOpen() {
                    return ch.isOpen();
                }

                @Override
                public void close() throws IOException {
                    ch.close();
                }
            };
        };

        ScanResult r = new Scanner(recording, 64 * 1024).scan(root, opts());

        assertEquals(expected, r.byPath().get("big.img").sha256());
        assertEquals(size, r.totals().hashedBytes());
        assertEquals(64 * 1024, largestRead.get(), "never asks for more than the fixed buffer");
        assertTrue(reads.get() >= size / (64 * 1024));
    }

    @Test
    void aTwoGibFileIsHashedThroughTheDefaultBuffer() throws Exception {
        // 2 GiB exactly: past Integer.MAX_VALUE, where int arithmetic on sizes and offsets breaks.
        Path big = root.resolve("two-gib.img");
        try (RandomAccessFile raf = new RandomAccessFile(big.toFile(), "rw")) {
            raf.setLength(2L << 30);
        }
        long heapBefore = usedHeap();
        ScanResult r = new Scanner().scan(root, opts().withThreads(1));
        ScannedEntry e = r.byPath().get("two-gib.img");
        assertEquals(2L << 30, e.size());
        // sha256 of 2,147,483,648 zero bytes (openssl dgst -sha256 of head -c 2147483648 /dev/zero)
        assertEquals("a7c744c13cc101ed66c29f672f92455547889cc586ce6d44fe76ae824958ea51", e.sha256());
        assertTrue(usedHeap() - heapBefore < 64L << 20, "hashing 2 GiB must not hold it in memory");
    }

    private static long usedHeap() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    @Test
    void excludedDirectoriesArePruned() throws Exception {
        write(root, ".git/config", "x");
        write(root, "sub/.git/HEAD", "x");
        write(root, "a.conf.swp", "x");
        write(root, "var/cache/pkg/list", "x");
        write(root, "var/lib/state", "x");
        write(root, "keep.conf", "x");

        ScanResult r = scanner.scan(root, opts().withExcludes(List.of("*.swp", ".git", "var/cache/**")));

        assertEquals(List.of("keep.conf", "sub", "var", "var/cache", "var/lib", "var/lib/state"),
                List.copyOf(r.byPath().keySet()));
    }

    @Test
    void oneAndTwoThreadsAgreeAndProgressIsReported() throws Exception {
        for (int i = 0; i < 300; i++) {
            write(root, "d" + (i % 7) + "/e" + (i % 3) + "/f" + i, "content " + i);
        }
        List<ScanProgress> finished = new ArrayList<>();
        AtomicReference<String> thread = new AtomicReference<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void update(ScanProgress p) {
            }

            @Override
            public void finished(ScanProgress last) {
                finished.add(last);
                thread.set(Thread.currentThread().getName());
            }
        };

        ScanResult one = scanner.scan(root, opts().withThreads(1).withProgress(listener));
        ScanResult two = scanner.scan(root, opts().withThreads(2));

        assertEquals(one.entries(), two.entries());
        assertEquals(1, finished.size());
        assertEquals(one.entries().size(), finished.get(0).filesSeen());
        assertEquals(300, finished.get(0).filesHashed());
        assertEquals(Thread.currentThread().getName(), thread.get());
        assertFalse(Progress.format(finished.get(0)).isEmpty());
    }
}
