package dev.watchman.snapshot;

import dev.watchman.snapshot.ScannedEntry.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares two scans (pure; no I/O). Drift is what an administrator would call a change:
 * content, size, permissions, ownership, object type and symlink target. mtime, ctime and inode
 * alone are not drift (a {@code touch} or a restore from backup is not a change of
 * configuration), nor is a directory's size (it follows its entries, which are reported
 * themselves).
 *
 * <p>Unreadable entries have no content, so only their kind and metadata are compared. An entry
 * that became unreadable is reported with "unreadable" (and any metadata change) rather than as a
 * type change; one that became readable again is a "type" change. Paths below a directory that is
 * unreadable in the later scan are unknown, not removed, and are not reported as removed.
 */
public final class DriftCalculator {

    public static final String TYPE = "type";
    public static final String UNREADABLE = "unreadable";
    public static final String CONTENT = "content";
    public static final String SIZE = "size";
    public static final String MODE = "mode";
    public static final String OWNER = "owner";
    public static final String TARGET = "target";

    private DriftCalculator() {
    }

    public static Drift between(ScanResult before, ScanResult after) {
        return between(before.byPath(), after.byPath());
    }

    /** Maps are keyed by {@link ScannedEntry#path()}. */
    public static Drift between(Map<String, ScannedEntry> before, Map<String, ScannedEntry> after) {
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<Drift.Modified> modified = new ArrayList<>();
        // Iterate unsorted and sort only the results: the trees are large, the drift usually small.
        for (ScannedEntry b : before.values()) {
            ScannedEntry a = after.get(b.path());
            if (a == null) {
                if (!underUnreadableDir(b.path(), after)) {
                    removed.add(b.path());
                }
                continue;
            }
            List<String> changed = changes(b, a);
            if (!changed.isEmpty()) {
                modified.add(new Drift.Modified(b.path(), b.sha256(), a.sha256(), changed));
            }
        }
        for (String path : after.keySet()) {
            if (!before.containsKey(path)) {
                added.add(path);
            }
        }
        java.util.Collections.sort(added);
        java.util.Collections.sort(removed);
        modified.sort(java.util.Comparator.comparing(Drift.Modified::path));
        return new Drift(added, removed, modified);
    }

    static List<String> changes(ScannedEntry b, ScannedEntry a) {
        List<String> changed = new ArrayList<>(2);
        boolean becameUnreadable = a.kind() == Kind.UNREADABLE && b.kind() != Kind.UNREADABLE;
        if (becameUnreadable) {
            changed.add(UNREADABLE);
        } else if (a.kind() != b.kind()) {
            changed.add(TYPE);
        } else if (a.kind() == Kind.FILE && !Objects.equals(a.sha256(), b.sha256())) {
            changed.add(CONTENT);
        }
        boolean metadata = a.hasMetadata() && b.hasMetadata();
        boolean sizeMatters = a.kind() == b.kind() && (a.kind() == Kind.FILE || a.kind() == Kind.UNREADABLE);
        if (metadata && sizeMatters && a.size() != b.size()) {
            changed.add(SIZE);
        }
        if (metadata && a.mode() != b.mode()) {
            changed.add(MODE);
        }
        if (metadata && (a.uid() != b.uid() || a.gid() != b.gid())) {
            changed.add(OWNER);
        }
        if (a.kind() == Kind.SYMLINK && b.kind() == Kind.SYMLINK
                && !Objects.equals(a.linkTarget(), b.linkTarget())) {
            changed.add(TARGET);
        }
        return changed;
    }

    private static boolean underUnreadableDir(String path, Map<String, ScannedEntry> after) {
        for (int i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) {
            ScannedEntry parent = after.get(path.substring(0, i));
            if (parent != null) {
                return parent.kind() == Kind.UNREADABLE;
            }
        }
        return false;
    }
}
