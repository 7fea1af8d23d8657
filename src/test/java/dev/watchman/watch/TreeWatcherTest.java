package dev.watchman.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.watchman.watch.TreeWatcher.Mode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TreeWatcherTest {
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

    private TreeWatcher.Builder builder(Mode mode) {
        return TreeWatcher.builder().root(root).mode(mode)
                .pollInterval(Duration.ofMillis(100)).debounce(Duration.ofMillis(100));
    }

    private Recorder start(TreeWatcher.Builder b) {
        TreeWatcher w = b.build();
        Recorder r = new Recorder();
        w.addListener(r);
        watchers.add(w);
        w.start();
        return r;
    }

    private Recorder start(Mode mode) {
        return start(builder(mode));
    }

    private static String sha(String s) {
        return FileStates.sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> summary(List<FileChange> cs) {
        return cs.stream().map(c -> c.changeType() + " " + c.path() + " " + c.changes()).toList();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void reportsCreateModifyDeleteWithHashes(Mode mode) throws Exception {
        Path f = root.resolve("app.conf");
        Files.writeString(f, "a=1\n");
        Recorder r = start(mode);
        assertEquals(List.of(), r.settle(root), "a file present at start is baseline, not a change");
        r.clear();

        Files.writeString(f, "a=22\n");
        FileChange m = r.awaitChange(f, FileChange.MODIFIED).get(0);
        assertEquals(sha("a=1\n"), m.previousHash());
        assertEquals(sha("a=22\n"), m.currentHash());
        assertEquals(List.of(FileChange.CONTENT, FileChange.SIZE), m.changes());
        assertFalse(m.detectedAtStartup());

        Files.delete(f);
        List<FileChange> all = r.awaitChange(f, FileChange.DELETED);
        FileChange d = all.get(all.size() - 1);
        assertEquals(sha("a=22\n"), d.previousHash());
        assertNull(d.currentHash());
        assertNull(d.current());
        assertEquals(List.of("modified " + f + " [content, size]", "deleted " + f + " []"), summary(r.settle(root)));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void atomicSaveByTempAndRenameIsOneModified(Mode mode) throws Exception {
        Path f = root.resolve("nginx.conf");
        Files.writeString(f, "worker_processes 1;\n");
        Recorder r = start(mode);
        Path temp = root.resolve("nginx.conf.tmp");
        Files.writeString(temp, "worker_processes 4;\n");
        Files.move(temp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        List<FileChange> cs = r.settle(root);
        assertEquals(List.of("modified " + f + " [content]"), summary(cs));
        assertEquals(sha("worker_processes 4;\n"), cs.get(0).currentHash());
    }

    @Test
    void vimStyleSaveWithBackupAndUnexcludedTempIsOneModified() throws Exception {
        Path f = root.resolve("sshd_config");
        Files.writeString(f, "PermitRootLogin no\n");
        Recorder r = start(Mode.REALTIME);
        // vim: original renamed to a backup, new file written, backup deleted.
        Files.move(f, root.resolve("sshd_config~"));
        Files.writeString(root.resolve("4913"), "");
        Files.delete(root.resolve("4913"));
        Files.writeString(f, "PermitRootLogin yes\n");
        Files.delete(root.resolve("sshd_config~"));
        // sed -i: a temp name no glob excludes, created and renamed away within the debounce window.
        Path sedTemp = root.resolve("sedK2x9Qa");
        Files.writeString(sedTemp, "PermitRootLogin prohibit-password\n");
        Files.move(sedTemp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        List<FileChange> cs = r.settle(root);
        assertEquals(List.of("modified " + f + " [content, size]"), summary(cs));
        assertEquals(sha("PermitRootLogin prohibit-password\n"), cs.get(0).currentHash());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void editorScratchFilesAreExcludedByDefault(Mode mode) throws Exception {
        Recorder r = start(mode);
        for (String name : List.of(".app.conf.swp", ".app.conf.swx", ".app.conf.swo", "app.conf~", ".#app.conf",
                "#app.conf#", "4913", "upload.tmp")) {
            Files.writeString(root.resolve(name), "x");
        }
        Files.writeString(root.resolve("kept.conf"), "x");
        assertEquals(List.of("created " + root.resolve("kept.conf") + " []"), summary(r.settle(root)));
    }

    @Test
    void excludesAreConfigurable() throws Exception {
        Recorder r = start(builder(Mode.REALTIME).excludes(List.of("*.bak")));
        Files.writeString(root.resolve("a.bak"), "x");
        Files.writeString(root.resolve(".a.swp"), "x");
        assertEquals(List.of("created " + root.resolve(".a.swp") + " []"), summary(r.settle(root)));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void chmodOnlyIsModifiedMode(Mode mode) throws Exception {
        Path f = root.resolve("sudoers");
        Files.writeString(f, "root ALL=(ALL) ALL\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("r--r-----"));
        Recorder r = start(mode);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-rw-rw-"));
        List<FileChange> cs = r.settle(root);
        assertEquals(List.of("modified " + f + " [mode]"), summary(cs));
        assertEquals(0666, cs.get(0).current().mode());
        assertEquals(cs.get(0).previousHash(), cs.get(0).currentHash());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void chownIsModifiedOwner(Mode mode) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "chown needs root");
        Path f = root.resolve("shadow");
        Files.writeString(f, "x");
        Recorder r = start(mode);
        Files.setAttribute(f, "unix:uid", 4242);
        List<FileChange> cs = r.settle(root);
        assertEquals(List.of("modified " + f + " [owner]"), summary(cs));
        assertEquals(4242, cs.get(0).current().uid());
    }

    @Test
    void createThenDeleteInsideDebounceWindowIsNothing() throws Exception {
        Recorder r = start(builder(Mode.REALTIME).debounce(Duration.ofMillis(300)));
        Path f = root.resolve("flash.conf");
        Files.writeString(f, "x");
        Files.writeString(f, "y");
        Files.delete(f);
        assertEquals(List.of(), r.settle(root));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void filesInDirectoriesCreatedAfterStartAreSeen(Mode mode) throws Exception {
        Recorder r = start(mode);
        // Files written right after mkdir, before any watch could be placed on the new directory.
        Path deep = Files.createDirectories(root.resolve("conf.d/a/b/c"));
        Files.writeString(deep.resolve("x.conf"), "x");
        Files.writeString(root.resolve("conf.d/y.conf"), "y");
        r.settle(root);
        Path later = deep.resolve("later.conf");
        Files.writeString(later, "z");
        r.awaitChange(later, FileChange.CREATED);
        Set<String> created = r.settle(root).stream().map(FileChange::path).collect(Collectors.toSet());
        assertEquals(Set.of(deep.resolve("x.conf").toString(), root.resolve("conf.d/y.conf").toString(),
                later.toString()), created);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void fileReplacedBySymlinkIsModifiedType(Mode mode) throws Exception {
        Path f = root.resolve("resolv.conf");
        Files.writeString(f, "nameserver 1.1.1.1\n");
        Path elsewhere = Files.writeString(tmp.resolve("stub-resolv.conf"), "nameserver 127.0.0.53\n");
        Recorder r = start(mode);
        Path link = Files.createSymbolicLink(root.resolve("resolv.conf.new"), elsewhere);
        Files.move(link, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        List<FileChange> cs = r.settle(root);
        // The link's temporary name may or may not be seen, depending on timing; the file's own
        // history must be exactly one type change.
        assertEquals(List.of("modified " + f + " [type]"),
                summary(cs).stream().filter(s -> s.contains(f + " ")).toList());
        FileChange m = cs.stream().filter(c -> c.path().equals(f.toString())).findFirst().orElseThrow();
        assertEquals(KnownState.SYMLINK, m.current().type());
        assertEquals(elsewhere.toString(), m.current().target());
        // Retargeting the link is a target change.
        r.clear();
        Path link2 = Files.createSymbolicLink(root.resolve("resolv.conf.new2"), tmp.resolve("other"));
        Files.move(link2, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertEquals(List.of("modified " + f + " [target]"),
                summary(r.settle(root)).stream().filter(s -> s.contains(f + " ")).toList());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void watchedDirectoryDeletedAndRecreatedIsWatchedAgain(Mode mode) throws Exception {
        Files.writeString(root.resolve("a.conf"), "a");
        Files.createDirectories(root.resolve("sub"));
        Files.writeString(root.resolve("sub/b.conf"), "b");
        Recorder r = start(mode);
        deleteTree(root);
        r.await("both deleted", cs -> cs.stream().filter(c -> c.changeType().equals(FileChange.DELETED)).count() == 2);
        Files.createDirectories(root.resolve("sub"));
        Files.writeString(root.resolve("sub/c.conf"), "c");
        r.awaitChange(root.resolve("sub/c.conf"), FileChange.CREATED);
        Files.writeString(root.resolve("sub/c.conf"), "cc");
        r.awaitChange(root.resolve("sub/c.conf"), FileChange.MODIFIED);
        assertEquals(Set.of("deleted " + root.resolve("a.conf") + " []", "deleted " + root.resolve("sub/b.conf") + " []",
                "created " + root.resolve("sub/c.conf") + " []", "modified " + root.resolve("sub/c.conf") + " [content, size]"),
                new HashSet<>(summary(r.settle(root))));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void movesAreDeletedPlusCreatedAndMovedDirectoriesStayWatched(Mode mode) throws Exception {
        Path a = root.resolve("a.conf");
        Files.writeString(a, "a");
        Files.createDirectories(root.resolve("old/inner"));
        Files.writeString(root.resolve("old/inner/x.conf"), "x");
        Files.createDirectories(root.resolve("target"));
        Recorder r = start(mode);
        Path b = root.resolve("target/b.conf");
        Files.move(a, b);
        Files.move(root.resolve("old"), root.resolve("new"));
        r.awaitChange(root.resolve("new/inner/x.conf"), FileChange.CREATED);
        // The moved directory's inotify watch still carries its old name; new files must show
        // up under the new one.
        Path later = root.resolve("new/inner/later.conf");
        Files.writeString(later, "l");
        r.awaitChange(later, FileChange.CREATED);
        assertEquals(Set.of("deleted " + a + " []", "created " + b + " []",
                "deleted " + root.resolve("old/inner/x.conf") + " []", "created " + root.resolve("new/inner/x.conf") + " []",
                "created " + later + " []"), new HashSet<>(summary(r.settle(root))));
        assertEquals(5, r.settle(root).size(), "each change reported once");
    }

    @Test
    void eventOverflowTriggersRescanThatFindsEverything() throws Exception {
        TreeWatcher w = builder(Mode.REALTIME).build();
        Recorder r = new Recorder();
        w.addListener(r);
        watchers.add(w);
        w.start();
        w.pauseDraining(true);
        // The JDK keeps at most 512 events per directory before it replaces them with OVERFLOW.
        for (int i = 0; i < 1500; i++) {
            Files.writeString(root.resolve("f" + i + ".conf"), "v" + i);
        }
        w.pauseDraining(false);
        r.await("1500 created", x -> x.size() >= 1500);
        List<FileChange> cs = r.settle(root);
        assertTrue(w.overflowRescans() > 0, "the overflow path ran");
        assertEquals(1500, cs.size());
        assertEquals(1500, cs.stream().map(FileChange::path).distinct().count());
        assertTrue(cs.stream().allMatch(c -> c.changeType().equals(FileChange.CREATED)));
    }

    @Test
    void runningOutOfWatchesFallsBackToPollingThatRoot() throws Exception {
        Files.createDirectories(root.resolve("a/b/c"));
        // Parent of the root, the root and 'a' get watches; 'a/b' and 'a/b/c' do not.
        Recorder r = start(builder(Mode.REALTIME).watchLimit(3).pollInterval(Duration.ofMillis(200)));
        Path deep = root.resolve("a/b/c/unwatched.conf");
        Files.writeString(deep, "x");
        r.awaitChange(deep, FileChange.CREATED);
        Files.writeString(deep, "xy");
        r.awaitChange(deep, FileChange.MODIFIED);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void startupReconciliationReportsWhatChangedWhileDown(Mode mode) throws Exception {
        Files.writeString(root.resolve("same.conf"), "same");
        Files.writeString(root.resolve("edited.conf"), "before");
        Files.writeString(root.resolve("removed.conf"), "gone soon");
        Files.writeString(root.resolve("chmodded.conf"), "c");
        Files.writeString(root.resolve("from-graph.conf"), "g");
        TreeWatcher first = builder(mode).build();
        first.start();
        Map<String, KnownState> state = new HashMap<>(first.knownState());
        first.close();
        // The graph stores no ctime or inode: the file must be hashed once, and found unchanged.
        KnownState g = state.get(root.resolve("from-graph.conf").toString());
        state.put(root.resolve("from-graph.conf").toString(),
                KnownState.of(g.sha256(), g.size(), g.mode(), g.uid(), g.gid(), g.mtime()));

        Files.writeString(root.resolve("edited.conf"), "after!");
        Files.delete(root.resolve("removed.conf"));
        Files.writeString(root.resolve("new.conf"), "new");
        Files.setPosixFilePermissions(root.resolve("chmodded.conf"), PosixFilePermissions.fromString("rwx------"));

        Recorder r = start(builder(mode).knownState(state));
        List<FileChange> startup = r.await("startup batch", cs -> !cs.isEmpty());
        assertEquals(1, r.batches(), "startup changes arrive as one batch");
        assertTrue(startup.stream().allMatch(FileChange::detectedAtStartup));
        assertEquals(Set.of("modified " + root.resolve("edited.conf") + " [content]",
                "deleted " + root.resolve("removed.conf") + " []",
                "created " + root.resolve("new.conf") + " []",
                "modified " + root.resolve("chmodded.conf") + " [mode]"), new HashSet<>(summary(startup)));

        Files.writeString(root.resolve("same.conf"), "changed live");
        List<FileChange> live = r.awaitChange(root.resolve("same.conf"), FileChange.MODIFIED);
        assertFalse(live.get(live.size() - 1).detectedAtStartup());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void singleFileRootKeepsFiringAcrossAtomicSaves(Mode mode) throws Exception {
        Path f = root.resolve("app.toml");
        Files.writeString(f, "v=0\n");
        Files.writeString(root.resolve("sibling.conf"), "not watched");
        Recorder r = start(TreeWatcher.builder().root(f).mode(mode)
                .pollInterval(Duration.ofMillis(100)).debounce(Duration.ofMillis(50)));
        for (int i = 1; i <= 5; i++) {
            Path temp = root.resolve(".app.toml.new" + i);
            Files.writeString(temp, "v=" + i + "\n");
            Files.move(temp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            int n = i;
            r.await("save " + i, cs -> cs.stream().filter(c -> c.path().equals(f.toString())).count() == n);
        }
        Files.writeString(root.resolve("sibling.conf"), "still not watched");
        Files.writeString(f, "v=6\n");
        List<FileChange> cs = r.await("in-place write", x -> x.size() == 6);
        assertTrue(cs.stream().allMatch(c -> c.path().equals(f.toString()) && c.changeType().equals(FileChange.MODIFIED)),
                Recorder.describe(cs));
        assertEquals(sha("v=6\n"), cs.get(5).currentHash());
    }

    @Test
    void rescanFindsChangesBetweenPolls() throws Exception {
        Path f = root.resolve("a.conf");
        Files.writeString(f, "1");
        TreeWatcher w = builder(Mode.POLL).pollInterval(Duration.ofHours(1)).build();
        Recorder r = new Recorder();
        w.addListener(r);
        watchers.add(w);
        w.start();
        Files.writeString(f, "2");
        w.rescan().get(10, TimeUnit.SECONDS);
        assertEquals(List.of("modified " + f + " [content]"), summary(r.all()));
        w.rescan().get(10, TimeUnit.SECONDS);
        assertEquals(1, r.all().size(), "an unchanged tree rescans to nothing");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void burstOfTenThousandNewFilesIsTenThousandCreated(Mode mode) throws Exception {
        Recorder r = start(mode);
        Path dir = Files.createDirectories(root.resolve("burst"));
        for (int i = 0; i < 10_000; i++) {
            Files.writeString(dir.resolve("f" + i), Integer.toString(i));
        }
        r.await("10,000 changes", x -> x.size() >= 10_000);
        List<FileChange> cs = r.settle(root);
        assertEquals(10_000, cs.size(), Recorder.describe(cs));
        assertEquals(10_000, cs.stream().map(FileChange::path).distinct().count());
        assertTrue(cs.stream().allMatch(c -> c.changeType().equals(FileChange.CREATED)));
        assertEquals(sha("9999"), cs.stream().filter(c -> c.path().endsWith("/f9999")).findFirst().orElseThrow().currentHash());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void tenThousandWritesToOneFileCoalesceAndEndOnTheLastContent(Mode mode) throws Exception {
        Path f = root.resolve("hot.conf");
        Files.writeString(f, "start");
        Recorder r = start(mode);
        // Same length every time: only the content, not the size, tells the writes apart.
        for (int i = 0; i < 10_000; i++) {
            Files.writeString(f, String.format("%05d", i));
        }
        List<FileChange> cs = r.settle(root);
        assertTrue(cs.size() >= 1 && cs.size() <= 50, "coalesced: " + cs.size());
        assertTrue(cs.stream().allMatch(c -> c.changeType().equals(FileChange.MODIFIED)));
        assertEquals(sha("09999"), cs.get(cs.size() - 1).currentHash());
        assertEquals(sha("09999"), watchers.get(0).knownState().get(f.toString()).sha256());
    }

    @Test
    void runsOnOneNamedDaemonThreadAndCloseStopsIt() throws Exception {
        Recorder r = start(Mode.REALTIME);
        Thread t = Thread.getAllStackTraces().keySet().stream()
                .filter(x -> x.getName().equals("watchman-watch-" + root)).findFirst().orElseThrow();
        assertTrue(t.isDaemon());
        long t0 = System.nanoTime();
        watchers.get(0).close();
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
        assertFalse(t.isAlive());
        Files.writeString(root.resolve("after-close.conf"), "x");
        assertEquals(List.of(), r.all());
    }

    @Test
    void aFailingListenerDoesNotStopWatching() throws Exception {
        TreeWatcher w = builder(Mode.REALTIME).build();
        w.addListener(batch -> {
            throw new IllegalStateException("listener bug");
        });
        Recorder r = new Recorder();
        w.addListener(r);
        watchers.add(w);
        w.start();
        Files.writeString(root.resolve("one"), "1");
        r.awaitChange(root.resolve("one"), FileChange.CREATED);
        Files.writeString(root.resolve("two"), "2");
        r.awaitChange(root.resolve("two"), FileChange.CREATED);
    }

    private static void deleteTree(Path p) throws IOException {
        try (var s = Files.walk(p)) {
            for (Path x : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(x);
            }
        }
    }
}
