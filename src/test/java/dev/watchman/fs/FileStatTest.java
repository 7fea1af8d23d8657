package dev.watchman.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStatTest {

    @TempDir
    Path tmp;

    @Test
    void lstatReadsEveryFieldAsTheUnixViewDoes() throws Exception {
        Path f = Files.writeString(tmp.resolve("f"), "hello");
        Files.setAttribute(f, "unix:mode", 04750);
        Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2024-01-02T03:04:05.123456789Z")));
        FileStat st = FileStat.lstat(f);
        assertEquals(FileKind.FILE, st.kind());
        assertEquals(5, st.size());
        assertEquals(04750, st.mode(), "setuid bit kept");
        assertEquals(Instant.parse("2024-01-02T03:04:05.123456789Z"), st.mtime());
        Map<String, Object> u = Files.readAttributes(f, "unix:ino,dev,uid,gid,nlink,ctime", LinkOption.NOFOLLOW_LINKS);
        assertEquals(u.get("ino"), st.inode());
        assertEquals(u.get("dev"), st.dev());
        assertEquals(u.get("uid"), st.uid());
        assertEquals(u.get("gid"), st.gid());
        assertEquals(u.get("nlink"), st.nlink());
        assertEquals(((FileTime) u.get("ctime")).toInstant(), st.ctime());
        assertEquals(FileStat.lstatPortable(f), st, "fast path and portable view agree");
        assertTrue(FileStat.fastPathAvailable(), "tests run with --add-opens java.base/sun.nio.fs");
    }

    @Test
    void lstatDescribesTheLinkAndStatFollowsIt() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("d"));
        Path link = Files.createSymbolicLink(tmp.resolve("l"), Path.of("d"));
        assertEquals(FileKind.SYMLINK, FileStat.lstat(link).kind());
        assertEquals(1, FileStat.lstat(link).size(), "a symlink's size is its target's length");
        assertEquals(FileKind.DIR, FileStat.stat(link).kind());
        assertEquals(FileStat.lstat(dir), FileStat.stat(link));
        assertEquals("d", FileStat.readLink(link));
    }

    @Test
    void fifosAreOther() throws Exception {
        Path fifo = tmp.resolve("p");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        assertEquals(FileKind.OTHER, FileStat.lstat(fifo).kind());
    }

    @Test
    void missingIsNoSuchFile() {
        assertThrows(NoSuchFileException.class, () -> FileStat.lstat(tmp.resolve("gone")));
        Path dangling = tmp.resolve("dangling");
        assertThrows(NoSuchFileException.class, () -> FileStat.stat(
                Files.createSymbolicLink(dangling, Path.of("nowhere"))));
    }

    @Test
    void linkTargetsThatAreNotUtf8AreEncodedNotReplaced() throws Exception {
        Path link = tmp.resolve("bad");
        byte[] target = {'x', (byte) 0xff, '\\'};
        assertEquals(0, lnRaw(target, link));
        assertEquals("x\\xff\\\\", FileStat.readLink(link));
    }

    /* ln with a raw byte argument: through a shell printf so the JVM does not re-encode it. */
    private static int lnRaw(byte[] target, Path link) throws Exception {
        StringBuilder esc = new StringBuilder();
        for (byte b : target) {
            esc.append(String.format("\\%03o", b & 0xff));
        }
        return new ProcessBuilder("sh", "-c", "ln -s \"$(printf '" + esc + "')\" \"$1\"", "sh", link.toString())
                .start().waitFor();
    }

    @Test
    void sameVersionIgnoresModeAndOwnerButNotContentSignals() throws Exception {
        Path f = Files.writeString(tmp.resolve("v"), "one");
        FileStat a = FileStat.lstat(f);
        assertTrue(a.sameVersion(FileStat.lstat(f)));
        Files.writeString(f, "two!");
        assertFalse(a.sameVersion(FileStat.lstat(f)));
    }
}
