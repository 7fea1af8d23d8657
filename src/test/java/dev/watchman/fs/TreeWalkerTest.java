package dev.watchman.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeWalkerTest {

    @TempDir
    Path tmp;

    /** "rel kind" for entries, "rel !unreadable" and "rel !vanished", sorted. */
    private static TreeSet<String> walk(Path root, Excludes ex, int depth) throws IOException {
        TreeSet<String> out = new TreeSet<>();
        TreeWalker.walk(root, ex, depth, new TreeWalker.Visitor() {
            @Override
            public void entry(Path path, String rel, FileStat stat) {
                assertEquals(path, PathNames.resolve(root, rel), "rel names the path");
                out.add(rel + " " + stat.kind());
            }

            @Override
            public void unreadable(Path path, String rel, FileStat stat, IOException e) {
                out.add(rel + " !unreadable" + (stat == null ? "" : " " + stat.kind()));
            }

            @Override
            public void vanished(Path path, String rel) {
                out.add(rel + " !vanished");
            }
        });
        return out;
    }

    private Path tree() throws IOException {
        Path root = Files.createDirectory(tmp.resolve("root"));
        Files.createDirectories(root.resolve("a/b/c"));
        Files.writeString(root.resolve("a/b/c/deep.conf"), "x");
        Files.writeString(root.resolve("top.conf"), "x");
        Files.writeString(root.resolve("a/x.swp"), "x");
        Files.createDirectories(root.resolve("var/cache/apt"));
        Files.writeString(root.resolve("var/cache/apt/pkg"), "x");
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "x");
        Files.createSymbolicLink(root.resolve("link"), outside);
        return root;
    }

    @Test
    void reportsEveryObjectOnceAndNeverFollowsSymlinks() throws Exception {
        assertEquals(new TreeSet<>(List.of("a DIR", "a/b DIR", "a/b/c DIR", "a/b/c/deep.conf FILE",
                "a/x.swp FILE", "link SYMLINK", "top.conf FILE", "var DIR", "var/cache DIR",
                "var/cache/apt DIR", "var/cache/apt/pkg FILE")), walk(tree(), Excludes.NONE, Integer.MAX_VALUE));
    }

    @Test
    void excludedDirectoriesArePrunedAndNamesMatchAtAnyDepth() throws Exception {
        assertEquals(new TreeSet<>(List.of("a DIR", "a/b DIR", "a/b/c DIR", "a/b/c/deep.conf FILE",
                "link SYMLINK", "top.conf FILE", "var DIR", "var/cache DIR")),
                walk(tree(), Excludes.of(List.of("var/cache/**", "*.swp")), Integer.MAX_VALUE));
    }

    @Test
    void maxDepthReportsDirectoriesAtTheLimitWithoutListingThem() throws Exception {
        Path root = tree();
        assertEquals(new TreeSet<>(List.of("a DIR", "link SYMLINK", "top.conf FILE", "var DIR")),
                walk(root, Excludes.NONE, 1));
        assertEquals(new TreeSet<>(), walk(root, Excludes.NONE, 0));
    }

    @Test
    void eachDirectoryIsEnteredBeforeItIsListedAndEnterCanSkipIt() throws Exception {
        Path root = tree();
        List<String> events = new ArrayList<>();
        TreeWalker.walk(root, Excludes.NONE, new TreeWalker.Visitor() {
            @Override
            public boolean enter(Path dir, String rel) {
                assertEquals(dir, rel.isEmpty() ? root : PathNames.resolve(root, rel));
                events.add(">" + rel);
                return !rel.equals("var");
            }

            @Override
            public void entry(Path path, String rel, FileStat stat) {
                events.add(rel);
            }

            @Override
            public void unreadable(Path path, String rel, FileStat stat, IOException e) {
                events.add(rel + " !unreadable");
            }
        });
        assertEquals(">", events.get(0), "the root first");
        for (String e : events) {
            if (!e.startsWith(">")) {
                String parent = e.contains("/") ? e.substring(0, e.lastIndexOf('/')) : "";
                assertTrue(events.indexOf(">" + parent) >= 0 && events.indexOf(">" + parent) < events.indexOf(e),
                        e + " after its directory was entered: " + events);
            }
        }
        assertTrue(events.contains(">var"));
        assertEquals(List.of(), events.stream().filter(e -> e.startsWith("var") || e.startsWith(">var/")).toList(),
                "a directory enter() refuses is neither reported nor listed");
        events.clear();
        TreeWalker.walk(root, Excludes.NONE, new TreeWalker.Visitor() {
            @Override
            public boolean enter(Path dir, String rel) {
                return false;
            }

            @Override
            public void entry(Path path, String rel, FileStat stat) {
                events.add(rel);
            }

            @Override
            public void unreadable(Path path, String rel, FileStat stat, IOException e) {
                events.add(rel + " !unreadable");
            }
        });
        assertEquals(List.of(), events, "a refused root: nothing");
    }

    @Test
    void aRootThatIsASymlinkToADirectoryIsListed() throws Exception {
        Path root = tree();
        Path alias = Files.createSymbolicLink(tmp.resolve("alias"), root);
        assertEquals(walk(root, Excludes.NONE, 2).size(), walk(alias, Excludes.NONE, 2).size());
    }

    @Test
    void theRootsOwnFailureThrows() throws Exception {
        assertThrows(NoSuchFileException.class, () -> walk(tmp.resolve("missing"), Excludes.NONE, 5));
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertThrows(IOException.class, () -> walk(file, Excludes.NONE, 5));
    }

    @Test
    void namesThatAreNotUtf8AreEncodedOneToOne() throws Exception {
        Path root = Files.createDirectory(tmp.resolve("enc"));
        // Two names Path.toString() would both show as "a\uFFFD".
        for (String oct : List.of("a\\377", "a\\376")) {
            assertEquals(0, new ProcessBuilder("sh", "-c", "touch \"$1/$(printf '" + oct + "')\"", "sh",
                    root.toString()).start().waitFor());
        }
        Files.writeString(root.resolve("back\\slash"), "x");
        assertEquals(new TreeSet<>(List.of("a\\xfe FILE", "a\\xff FILE", "back\\\\slash FILE")),
                walk(root, Excludes.NONE, 5));
        assertEquals(new TreeSet<>(List.of("a\\xfe FILE", "back\\\\slash FILE")),
                walk(root, Excludes.of(List.of("a\\\\xff")), 5), "excludes match the encoded name");
    }

    /** Child entry point for {@link #unreadableDirectoriesAreReportedNotSkipped}. */
    public static void main(String[] args) throws IOException {
        for (String line : walk(Path.of(args[0]), Excludes.NONE, Integer.MAX_VALUE)) {
            System.out.println(line);
        }
    }

    @Test
    void unreadableDirectoriesAreReportedNotSkipped() throws Exception {
        Path root = Files.createDirectory(tmp.resolve("perm"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path locked = Files.createDirectory(root.resolve("locked"));
        Files.writeString(locked.resolve("inside"), "x");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        Files.writeString(root.resolve("open"), "x");
        Files.setPosixFilePermissions(root.resolve("open"), PosixFilePermissions.fromString("rw-r--r--"));

        // Root reads everything: run the walk as nobody in a child JVM.
        Path libs = Files.createDirectory(tmp.resolve("libs"));
        Files.setPosixFilePermissions(libs, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> cp = new ArrayList<>();
        for (Class<?> c : List.of(TreeWalker.class, TreeWalkerTest.class, Test.class,
                org.junit.jupiter.api.Assertions.class, org.opentest4j.AssertionFailedError.class)) {
            Path src = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
            cp.add(Files.isDirectory(src) ? src.toString()
                    : Files.copy(src, libs.resolve(src.getFileName()), StandardCopyOption.REPLACE_EXISTING).toString());
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                java, "--add-opens", "java.base/sun.nio.fs=ALL-UNNAMED", "-cp", String.join(":", cp),
                TreeWalkerTest.class.getName(), root.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(List.of("locked !unreadable DIR", "open FILE"), List.of(out.trim().split("\n")), out);
    }
}
