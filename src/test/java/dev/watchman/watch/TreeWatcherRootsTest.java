package dev.watchman.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.watchman.watch.TreeWatcher.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One watcher with several roots: a thread per root, and a root inside another reported once. */
class TreeWatcherRootsTest {
    @TempDir
    Path tmp;
    TreeWatcher watcher;

    @AfterEach
    void tearDown() {
        if (watcher != null) {
            watcher.close();
        }
    }

    private Recorder start(Mode mode, Path... roots) {
        TreeWatcher.Builder b = TreeWatcher.builder().mode(mode).pollInterval(Duration.ofMillis(100))
                .debounce(Duration.ofMillis(50));
        for (Path r : roots) {
            b.root(r);
        }
        watcher = b.build();
        Recorder r = new Recorder();
        watcher.addListener(r);
        watcher.start();
        return r;
    }

    private static Set<Thread> threadsNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name) && t.isAlive())
                .collect(Collectors.toSet());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void eachRootHasItsOwnNamedThreadAndCloseStopsThemAll(Mode mode) throws Exception {
        Path a = Files.createDirectory(tmp.resolve("a"));
        Path b = Files.createDirectory(tmp.resolve("b"));
        Recorder r = start(mode, a, b);
        Set<Thread> ta = threadsNamed("watchman-watch-" + a);
        Set<Thread> tb = threadsNamed("watchman-watch-" + b);
        assertEquals(1, ta.size());
        assertEquals(1, tb.size());
        Files.writeString(a.resolve("x.conf"), "x");
        Files.writeString(b.resolve("y.conf"), "y");
        r.awaitChange(a.resolve("x.conf"), FileChange.CREATED);
        r.awaitChange(b.resolve("y.conf"), FileChange.CREATED);
        watcher.close();
        assertFalse(ta.iterator().next().isAlive());
        assertFalse(tb.iterator().next().isAlive());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aRootInsideAnotherIsReportedOnceAndKeepsItsOwnExcludes(Mode mode) throws Exception {
        Path outer = Files.createDirectory(tmp.resolve("etc"));
        Path inner = Files.createDirectories(outer.resolve("app"));
        // A name the default excludes drop, watched all the same because it is a root itself.
        Path upload = outer.resolve("upload.tmp");
        Files.writeString(upload, "0");
        Files.writeString(inner.resolve("app.conf"), "0");
        Recorder r = start(mode, outer, inner, upload);
        assertEquals(Set.of(upload.toString(), inner.resolve("app.conf").toString()), watcher.knownState().keySet());
        Files.writeString(inner.resolve("app.conf"), "1");
        Files.writeString(upload, "1");
        Files.writeString(outer.resolve("top.conf"), "t");
        r.awaitChange(upload, FileChange.MODIFIED);
        r.awaitChange(inner.resolve("app.conf"), FileChange.MODIFIED);
        r.awaitChange(outer.resolve("top.conf"), FileChange.CREATED);
        // Each root's loop has reported everything before its sentinel: a second report of
        // app.conf, by the outer root, would be in by then.
        r.settle(outer);
        List<FileChange> cs = r.settle(inner);
        assertEquals(Set.of("modified " + inner.resolve("app.conf"), "modified " + upload, "created " + outer.resolve("top.conf")),
                cs.stream().map(c -> c.changeType() + " " + c.path()).collect(Collectors.toSet()));
        assertEquals(3, cs.size(), "each change once: " + Recorder.describe(cs));
        assertTrue(watcher.knownState().containsKey(outer.resolve("top.conf").toString()));
    }
}
