package dev.watchman.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.watchman.Sha256;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileHasherTest {

    @TempDir
    Path tmp;

    @Test
    void knownDigests() throws Exception {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                FileHasher.sha256(Files.writeString(tmp.resolve("abc"), "abc")));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                FileHasher.sha256(Files.createFile(tmp.resolve("empty"))));
    }

    @Test
    void aFileLargerThanTheBufferHashesAsTheBytesDo() throws Exception {
        byte[] data = new byte[3 * 4096 + 17];
        new Random(7).nextBytes(data);
        Path f = Files.write(tmp.resolve("big"), data);
        FileHasher h = new FileHasher(4096);
        assertEquals(Sha256.hex(data), h.hashFile(f));
        assertEquals(data.length, h.lastBytes());
        assertEquals(Sha256.hex(data), h.hashFile(f), "the instance is reusable");
    }

    @Test
    void expectedSizeStopsTheReadThere() throws Exception {
        Path f = Files.writeString(tmp.resolve("grown"), "0123456789");
        FileHasher h = new FileHasher(4096);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            h.hash(ch, 10);
        }
        assertEquals(10, h.lastBytes());
    }

    @Test
    void aSymlinkIsRefusedUnlessFollowingIsAsked() throws Exception {
        Path f = Files.writeString(tmp.resolve("real"), "abc");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), f);
        assertThrows(IOException.class, () -> FileHasher.sha256(link));
        assertEquals(FileHasher.sha256(f), FileHasher.sha256Following(link));
    }

    @Test
    void tinyBuffersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FileHasher(100));
    }
}
