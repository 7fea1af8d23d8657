package dev.watchman.watch;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

/** Excludes entries by their file name (not their full path), the way editors name their scratch files. */
final class NameFilter {
    /** vim swap files and its {@code 4913} write test, backups, emacs lock and autosave files, temp files. */
    static final List<String> DEFAULT_EXCLUDES =
            List.of("*.swp", "*.swx", "*~", ".#*", "#*#", "4913", "*.tmp", ".*.sw?");

    private final List<PathMatcher> matchers;
    private final List<String> globs;

    NameFilter(List<String> globs) {
        this.globs = List.copyOf(globs);
        this.matchers = this.globs.stream()
                .map(g -> {
                    if (g.isBlank() || g.contains("/")) {
                        throw new IllegalArgumentException("exclude glob must be a file-name pattern without '/': '" + g + "'");
                    }
                    return FileSystems.getDefault().getPathMatcher("glob:" + g);
                })
                .toList();
    }

    boolean excluded(Path p) {
        Path name = p.getFileName();
        if (name == null) {
            return false;
        }
        for (PathMatcher m : matchers) {
            if (m.matches(name)) {
                return true;
            }
        }
        return false;
    }

    List<String> globs() {
        return globs;
    }
}
