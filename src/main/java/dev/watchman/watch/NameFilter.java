package dev.watchman.watch;

import dev.watchman.fs.Excludes;
import dev.watchman.fs.PathNames;
import java.nio.file.Path;
import java.util.List;

/**
 * Excludes entries by their file name (not their full path), the way editors name their scratch
 * files. The glob dialect and the defaults are the filesystem layer's ({@link Excludes}); the
 * watcher sees absolute paths under several roots, so patterns with '/' are refused here.
 */
final class NameFilter {
    static final List<String> DEFAULT_EXCLUDES = Excludes.DEFAULTS;

    private final Excludes excludes;
    private final List<String> globs;

    NameFilter(List<String> globs) {
        this.globs = List.copyOf(globs);
        for (String g : this.globs) {
            if (g.isBlank() || g.contains("/")) {
                throw new IllegalArgumentException("exclude glob must be a file-name pattern without '/': '" + g + "'");
            }
        }
        this.excludes = Excludes.of(this.globs);
    }

    boolean excluded(Path p) {
        if (p.getFileName() == null) {
            return false;
        }
        return excludes.excludes(PathNames.fileName(p));
    }

    /** The same globs for a {@link dev.watchman.fs.TreeWalker} walk (name patterns only, as checked above). */
    Excludes excludes() {
        return excludes;
    }

    List<String> globs() {
        return globs;
    }
}
