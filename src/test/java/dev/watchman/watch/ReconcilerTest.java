package dev.watchman.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.watchman.fs.FileKind;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The diff engine without a disk: stats and captured states go in, changes come out. */
class ReconcilerTest {
    private static final Path ROOT = Path.of("/etc");
    private static final Instant WRITTEN = Instant.parse("2026-03-01T10:00:00Z");
    /** Long after every write: nothing is racy unless a test says so. */
    private static final Instant NOW = WRITTEN.plusSeconds(3600);

    private final Reconciler r = new Reconciler(ROOT, List.of(), new NameFilter(NameFilter.DEFAULT_EXCLUDES));

    private static FileStates.Stat file(long size, int mode, Instant ctime, long inode) {
        return new FileStates.Stat(FileKind.FILE, mode, 0, 0, size, WRITTEN, ctime, inode);
    }

    private static FileStates.Stat file(long size) {
        return file(size, 0644, WRITTEN, 7);
    }

    /** What capturing {@code st} with content hash {@code sha} gives. */
    private static KnownState captured(FileStates.Stat st, String sha, String target) {
        return new KnownState(st.type(), sha, st.size(), st.mode(), st.uid(), st.gid(), st.mtime(), st.ctime(),
                st.inode(), target);
    }

    /** One look: hashes only when the reconciler asks for it, as the watcher does. */
    private FileChange see(String path, FileStates.Stat st, String sha, String target) {
        Reconciler.Look look = r.look(path, st);
        KnownState after = look.mustHash() ? captured(st, sha, target) : look.before();
        return r.record(look, after, NOW, false);
    }

    private static String summary(FileChange c) {
        return c == null ? "nothing" : c.changeType() + " " + c.path() + " " + c.changes();
    }

    @Test
    void aNewFileIsCreatedWithItsHash() {
        FileChange c = see("/etc/app.conf", file(4), "aaa", null);
        assertEquals("created /etc/app.conf []", summary(c));
        assertNull(c.previousHash());
        assertEquals("aaa", c.currentHash());
        assertEquals(NOW, c.at());
        assertEquals("aaa", r.snapshot().get("/etc/app.conf").sha256());
    }

    @Test
    void anUnchangedStatIsNotReadAndIsNothing() {
        see("/etc/app.conf", file(4), "aaa", null);
        Reconciler.Look look = r.look("/etc/app.conf", file(4));
        assertFalse(look.mustHash(), "same stat: the content is not read again");
        assertNull(r.record(look, look.before(), NOW, false));
    }

    @Test
    void newContentIsModifiedContentAndSize() {
        see("/etc/app.conf", file(4), "aaa", null);
        FileChange c = see("/etc/app.conf", file(5, 0644, WRITTEN.plusSeconds(1), 7), "bbb", null);
        assertEquals("modified /etc/app.conf [content, size]", summary(c));
        assertEquals("aaa", c.previousHash());
        assertEquals("bbb", c.currentHash());
        assertFalse(c.detectedAtStartup());
    }

    @Test
    void aTouchOrAnIdenticalRewriteIsReadButIsNothing() {
        see("/etc/app.conf", file(4), "aaa", null);
        Reconciler.Look look = r.look("/etc/app.conf", file(4, 0644, WRITTEN.plusSeconds(5), 8));
        assertTrue(look.mustHash(), "the stat moved");
        assertNull(r.record(look, captured(file(4, 0644, WRITTEN.plusSeconds(5), 8), "aaa", null), NOW, false));
        assertEquals(8L, r.snapshot().get("/etc/app.conf").inode(), "the new stat is what is known now");
    }

    @Test
    void chmodIsModifiedModeWithEqualHashes() {
        see("/etc/sudoers", file(4, 0440, WRITTEN, 7), "aaa", null);
        FileChange c = see("/etc/sudoers", file(4, 0666, WRITTEN.plusSeconds(1), 7), "aaa", null);
        assertEquals("modified /etc/sudoers [mode]", summary(c));
        assertEquals(c.previousHash(), c.currentHash());
    }

    @Test
    void aDeletedFileIsDeletedOnceAndAnUnknownOneIsNothing() {
        see("/etc/app.conf", file(4), "aaa", null);
        FileChange c = r.forget("/etc/app.conf", NOW, false);
        assertEquals("deleted /etc/app.conf []", summary(c));
        assertEquals("aaa", c.previousHash());
        assertNull(c.currentHash());
        assertNull(c.current());
        assertNull(r.forget("/etc/app.conf", NOW, false));
        assertNull(r.forget("/etc/never-seen", NOW, false));
    }

    @Test
    void aFileReplacedByASymlinkIsATypeChangeAndRetargetingIsATargetChange() {
        see("/etc/resolv.conf", file(20), "aaa", null);
        FileStates.Stat link = new FileStates.Stat(FileKind.SYMLINK, 0777, 0, 0, 16, WRITTEN, WRITTEN.plusSeconds(1), 9);
        FileChange c = see("/etc/resolv.conf", link, "lnk", "/run/stub-resolv");
        assertEquals("modified /etc/resolv.conf [type]", summary(c));
        assertEquals(KnownState.SYMLINK, c.current().type());
        FileStates.Stat link2 = new FileStates.Stat(FileKind.SYMLINK, 0777, 0, 0, 16, WRITTEN, WRITTEN.plusSeconds(2), 10);
        assertEquals("modified /etc/resolv.conf [target]", summary(see("/etc/resolv.conf", link2, "ln2", "/run/other-resol")));
    }

    @Test
    void aFileTurnedDirectoryIsDeletedAndADirectoryTurnedFileLosesItsChildren() {
        see("/etc/conf.d", file(1), "aaa", null);
        assertEquals("deleted /etc/conf.d []", summary(r.forget("/etc/conf.d", NOW, false)), "now a directory");
        see("/etc/conf.d/a.conf", file(1), "a", null);
        see("/etc/conf.d/sub/b.conf", file(1), "b", null);
        see("/etc/conf.d.bak", file(1), "c", null);
        List<FileChange> gone = r.forgetBelow(Path.of("/etc/conf.d"), NOW, false);
        assertEquals(List.of("deleted /etc/conf.d/a.conf []", "deleted /etc/conf.d/sub/b.conf []"),
                gone.stream().map(ReconcilerTest::summary).toList());
        assertEquals("created /etc/conf.d []", summary(see("/etc/conf.d", file(2), "new", null)), "a file again");
        assertEquals(Set.of("/etc/conf.d", "/etc/conf.d.bak"), r.snapshot().keySet(), "a sibling sharing the prefix stays");
    }

    @Test
    void aWalkDeletesWhatItDidNotSeeExceptBelowWhatItCouldNotRead() {
        for (String p : List.of("/etc/a", "/etc/b", "/etc/locked/c", "/etc/locked/d/e", "/etc/sub/f")) {
            see(p, file(1), "x", null);
        }
        List<FileChange> gone = r.walked(ROOT, Set.of("/etc/a"), List.of(Path.of("/etc/locked")), NOW, false);
        assertEquals(List.of("deleted /etc/b []", "deleted /etc/sub/f []"), gone.stream().map(ReconcilerTest::summary).toList());
        assertEquals(Set.of("/etc/a", "/etc/locked/c", "/etc/locked/d/e"), r.snapshot().keySet());
    }

    @Test
    void excludedNamesAreNotWatchedButARootAlwaysIs() {
        assertTrue(r.watches(Path.of("/etc/app.conf")));
        assertFalse(r.watches(Path.of("/etc/.app.conf.swp")), "editor swap file");
        assertFalse(r.watches(Path.of("/etc/sub/app.conf~")), "backup, at any depth");
        assertFalse(r.watches(Path.of("/var/app.conf")), "outside every root");
        Reconciler odd = new Reconciler(Path.of("/srv/upload.tmp"), List.of(), new NameFilter(NameFilter.DEFAULT_EXCLUDES));
        assertTrue(odd.watches(Path.of("/srv/upload.tmp")), "a root named like a temp file is still watched");
    }

    @Test
    void aRootInsideThisOneIsLeftToItsOwnReconciler() {
        Reconciler outer = new Reconciler(ROOT, List.of(Path.of("/etc/nginx"), Path.of("/etc/hosts")),
                new NameFilter(NameFilter.DEFAULT_EXCLUDES));
        assertTrue(outer.watches(Path.of("/etc/nginx.conf")));
        assertFalse(outer.watches(Path.of("/etc/nginx")));
        assertFalse(outer.watches(Path.of("/etc/nginx/sites/default")));
        assertFalse(outer.watches(Path.of("/etc/hosts")));
        assertTrue(outer.watches(Path.of("/etc/hosts.allow")));
    }

    @Test
    void seedingKeepsOnlyWatchedAbsolutePaths() {
        KnownState s = KnownState.of("aaa", 1, 0644, 0, 0, WRITTEN);
        r.seed(Map.of("/etc/app.conf", s, "/etc/./x/../norm.conf", s, "/etc/.app.conf.swp", s, "/var/other", s,
                "relative.conf", s));
        assertEquals(Set.of("/etc/app.conf", "/etc/norm.conf"), r.snapshot().keySet());
        // The graph keeps no ctime or inode: the first look always reads the file.
        assertTrue(r.look("/etc/app.conf", file(1)).mustHash());
    }

    @Test
    void startupChangesSayWhenTheyWereFound() {
        r.seed(Map.of("/etc/old.conf", KnownState.of("aaa", 1, 0644, 0, 0, WRITTEN)));
        Reconciler.Look look = r.look("/etc/new.conf", file(1));
        assertTrue(r.record(look, captured(file(1), "n", null), NOW, true).detectedAtStartup());
        assertTrue(r.forget("/etc/old.conf", NOW, true).detectedAtStartup());
    }

    @Test
    void aFileReadRightAfterItsLastChangeIsReadAgainNextTimeEvenWithTheSameStat() {
        FileStates.Stat fresh = file(4, 0644, NOW.minusMillis(500), 7);
        Reconciler.Look first = r.look("/etc/app.conf", fresh);
        r.record(first, captured(fresh, "aaa", null), NOW, false);
        Reconciler.Look again = r.look("/etc/app.conf", fresh);
        assertTrue(again.mustHash(), "written within the timestamp tick: the stat cannot be trusted");
        // Postponed (still being written): it stays racy for the look after.
        r.postpone(again);
        Reconciler.Look late = r.look("/etc/app.conf", fresh);
        assertTrue(late.mustHash());
        // Read long after the change: the stat is trusted from then on.
        assertNull(r.record(late, captured(fresh, "aaa", null), NOW.plusSeconds(10), false));
        assertFalse(r.look("/etc/app.conf", fresh).mustHash());
    }
}
