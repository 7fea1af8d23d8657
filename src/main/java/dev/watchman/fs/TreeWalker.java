package dev.watchman.fs;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The one tree walk. Symlinks are reported, never followed (the root itself may be a symlink to
 * a directory); excluded entries ({@link Excludes}, matched against the encoded path relative to
 * the root, see {@link PathNames}) are neither reported nor, for a directory, descended. An entry
 * that cannot be stat'ed or a directory that cannot be listed is reported as
 * {@link Visitor#unreadable unreadable}, never skipped in silence, and one that disappears
 * between the listing and its stat is reported as {@link Visitor#vanished vanished}. Only the
 * root's own failure throws: an empty result would read as "everything was deleted".
 *
 * <p>{@link #walk} is sequential; a parallel walker (the snapshot's fork/join scan) calls
 * {@link #list} once per directory and descends by itself.
 */
public final class TreeWalker {

    /** Receives what a walk finds; called on the walking thread. */
    public interface Visitor {
        /**
         * An object that is not excluded.
         *
         * @param rel encoded, '/'-separated, relative to the root; never empty
         */
        void entry(Path path, String rel, FileStat stat);

        /**
         * An object that exists but could not be read: its lstat failed ({@code stat} is null),
         * or it is a directory that could not be listed ({@code stat} is its lstat).
         */
        void unreadable(Path path, String rel, FileStat stat, IOException e);

        /** An object listed by its directory but gone before it could be read. */
        default void vanished(Path path, String rel) {
        }

        /**
         * Called by {@link #walk} just before it lists a directory, the root first ({@code rel}
         * ""). The watcher places its inotify watch here, so that nothing created while the
         * directory is being listed goes unseen.
         *
         * @return false to skip the directory: it is then neither listed nor reported
         */
        default boolean enter(Path dir, String rel) {
            return true;
        }
    }

    private record Dir(Path path, String rel, FileStat stat, int depth) {
    }

    /* Holds directories back until they are listed; reports everything else at once. */
    private static final class Children implements Visitor {
        private final Visitor v;
        private final Deque<Dir> todo;
        private final int maxDepth;
        int depth;

        Children(Visitor v, Deque<Dir> todo, int maxDepth) {
            this.v = v;
            this.todo = todo;
            this.maxDepth = maxDepth;
        }

        @Override
        public void entry(Path path, String rel, FileStat stat) {
            if (stat.kind() == FileKind.DIR && depth < maxDepth) {
                todo.push(new Dir(path, rel, stat, depth));
            } else {
                v.entry(path, rel, stat);
            }
        }

        @Override
        public void unreadable(Path path, String rel, FileStat stat, IOException e) {
            v.unreadable(path, rel, stat, e);
        }

        @Override
        public void vanished(Path path, String rel) {
            v.vanished(path, rel);
        }
    }

    private TreeWalker() {
    }

    /** {@link #walk(Path, Excludes, int, Visitor)} without a depth limit. */
    public static void walk(Path root, Excludes excludes, Visitor v) throws IOException {
        walk(root, excludes, Integer.MAX_VALUE, v);
    }

    /**
     * Reports every object below {@code root} (not the root itself). A directory is reported
     * once it has been listed, or as unreadable/vanished if it could not be; one at
     * {@code maxDepth} (the root's children are at depth 1) is reported without being listed.
     *
     * @throws IOException if the root cannot be listed
     */
    public static void walk(Path root, Excludes excludes, int maxDepth, Visitor v) throws IOException {
        Deque<Dir> todo = new ArrayDeque<>();
        Children children = new Children(v, todo, maxDepth);
        if (maxDepth < 1) {
            return;
        }
        children.depth = 1;
        if (!v.enter(root, "")) {
            return;
        }
        list(root, "", excludes, children);
        while (!todo.isEmpty()) {
            Dir d = todo.pop();
            if (!v.enter(d.path(), d.rel())) {
                continue;
            }
            try {
                children.depth = d.depth() + 1;
                List<Path> listed = listing(d.path());
                v.entry(d.path(), d.rel(), d.stat());
                visitChildren(listed, d.rel(), excludes, children);
            } catch (NoSuchFileException | NotDirectoryException e) {
                v.vanished(d.path(), d.rel());
            } catch (IOException e) {
                v.unreadable(d.path(), d.rel(), d.stat(), e);
            }
        }
    }

    /**
     * Lists one directory and lstats each child that is not excluded, reporting every child
     * through {@code v.entry} (directories included; descending is the caller's business).
     *
     * @param rel the directory's encoded path relative to the root, "" for the root
     * @throws IOException if {@code dir} itself cannot be listed ({@link NoSuchFileException} or
     *                     {@link NotDirectoryException} if it is gone or was replaced)
     */
    public static void list(Path dir, String rel, Excludes excludes, Visitor v) throws IOException {
        visitChildren(listing(dir), rel, excludes, v);
    }

    /* The whole listing first: the directory is closed before the children are read. */
    private static List<Path> listing(Path dir) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path c : ds) {
                children.add(c);
            }
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        return children;
    }

    private static void visitChildren(List<Path> children, String rel, Excludes excludes, Visitor v) {
        for (Path child : children) {
            String name = PathNames.fileName(child);
            String childRel = rel.isEmpty() ? name : rel + '/' + name;
            if (excludes.excludes(childRel, name)) {
                continue;
            }
            FileStat st;
            try {
                st = FileStat.lstat(child);
            } catch (NoSuchFileException e) {
                v.vanished(child, childRel);
                continue;
            } catch (IOException e) {
                v.unreadable(child, childRel, null, e);
                continue;
            }
            v.entry(child, childRel, st);
        }
    }
}
