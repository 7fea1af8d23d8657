package dev.watchman.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.watchman.snapshot.ScannedEntry.Kind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftCalculatorTest {

    private static ScannedEntry file(String path, String sha, long size) {
        return new ScannedEntry(path, Kind.FILE, size, 0644, 0, 0, 1L, 2L, 3L, 4L, 1, null, sha, null);
    }

    private static Map<String, ScannedEntry> map(ScannedEntry... es) {
        Map<String, ScannedEntry> m = new HashMap<>();
        for (ScannedEntry e : es) {
            m.put(e.path(), e);
        }
        return m;
    }

    private static List<String> changes(ScannedEntry b, ScannedEntry a) {
        Drift d = DriftCalculator.between(map(b), map(a));
        return d.modified().isEmpty() ? List.of() : d.modified().get(0).changed();
    }

    @Test
    void addedRemovedAndModifiedAreSortedAndSeparated() {
        Drift d = DriftCalculator.between(
                map(file("b", "1", 1), file("a", "1", 1), file("z", "1", 1), file("m", "1", 1)),
                map(file("b", "1", 1), file("y", "1", 1), file("c", "1", 1), file("m", "2", 1)));

        assertEquals(List.of("c", "y"), d.added());
        assertEquals(List.of("a", "z"), d.removed());
        assertEquals(List.of(new Drift.Modified("m", "1", "2", List.of("content"))), d.modified());
    }

    @Test
    void timesAndInodeAloneAreNotDrift() {
        ScannedEntry b = file("f", "h", 5);
        ScannedEntry a = new ScannedEntry("f", Kind.FILE, 5, 0644, 0, 0, 99L, 98L, 97L, 4L, 2, null, "h", null);
        assertTrue(DriftCalculator.between(map(b), map(a)).isEmpty());
    }

    @Test
    void namesEachKindOfChange() {
        ScannedEntry b = file("f", "h", 5);
        assertEquals(List.of("content", "size"), changes(b, file("f", "h2", 6)));
        assertEquals(List.of("mode"), changes(b,
                new ScannedEntry("f", Kind.FILE, 5, 04755, 0, 0, 1L, 2L, 3L, 4L, 1, null, "h", null)));
        assertEquals(List.of("owner"), changes(b,
                new ScannedEntry("f", Kind.FILE, 5, 0644, 0, 33, 1L, 2L, 3L, 4L, 1, null, "h", null)));
        ScannedEntry link = new ScannedEntry("f", Kind.SYMLINK, 3, 0777, 0, 0, 1L, 2L, 3L, 4L, 1, "abc", null, null);
        assertEquals(List.of("type", "mode"), changes(b, link));
        ScannedEntry moved = new ScannedEntry("f", Kind.SYMLINK, 3, 0777, 0, 0, 1L, 2L, 3L, 4L, 1, "xyz", null, null);
        assertEquals(List.of("target"), changes(link, moved));
        ScannedEntry dir = new ScannedEntry("d", Kind.DIR, 4096, 0755, 0, 0, 1L, 2L, 3L, 4L, 2, null, null, null);
        ScannedEntry bigDir = new ScannedEntry("d", Kind.DIR, 8192, 0755, 0, 0, 1L, 2L, 3L, 4L, 2, null, null, null);
        assertEquals(List.of(), changes(dir, bigDir), "a directory's size follows its entries");
    }

    @Test
    void unreadableComparesMetadataOnly() {
        ScannedEntry b = file("f", "h", 5);
        ScannedEntry locked = new ScannedEntry("f", Kind.UNREADABLE, 5, 0, 0, 0, 1L, 2L, 3L, 4L, 1, null, null,
                "permission denied");
        assertEquals(List.of("unreadable", "mode"), changes(b, locked));
        assertEquals(List.of(), changes(locked, locked));
        assertEquals(List.of("type", "mode"), changes(locked, b));
        ScannedEntry unknown = new ScannedEntry("f", Kind.UNREADABLE, -1, -1, -1, -1, 0L, 0L, 0L, 0L, 0, null, null,
                "i/o error");
        assertEquals(List.of("unreadable"), changes(b, unknown));
    }

    @Test
    void entriesUnderADirectoryThatBecameUnreadableAreUnknownNotRemoved() {
        ScannedEntry dir = new ScannedEntry("etc", Kind.DIR, 4096, 0755, 0, 0, 1L, 2L, 3L, 4L, 2, null, null, null);
        ScannedEntry locked = new ScannedEntry("etc", Kind.UNREADABLE, 4096, 0, 0, 0, 1L, 2L, 3L, 4L, 2, null, null,
                "permission denied");
        Drift d = DriftCalculator.between(
                map(dir, file("etc/a", "1", 1), file("etc/sub/b", "1", 1), file("other", "1", 1)),
                map(locked));

        assertEquals(List.of("other"), d.removed());
        assertEquals(List.of(new Drift.Modified("etc", null, null, List.of("unreadable", "mode"))), d.modified());
    }
}
