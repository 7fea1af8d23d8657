package dev.watchman.watch;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The watcher's diff engine: the last known state of every watched path, and the changes a new
 * look at the disk means for it. It is told what a stat or a hash found and never reads the disk,
 * a clock or a thread itself, so every case (created, modified, deleted, type change, excluded)
 * is a plain unit test; {@link RootScanner} does the I/O around it. Not thread-safe.
 *
 * <p>Hashing is what costs, so a look comes in two steps: {@link #look} says whether the stat
 * still matches what is known (then nothing changed and nothing is read), and {@link #record}
 * takes the state the caller captured and says what changed.
 */
final class Reconciler {
    /**
     * A file whose ctime is this close to the moment it was read may be written again within the
     * same timestamp tick (kernel clocks are coarse, NFS servers' more so), leaving size and
     * mtime equal. Such files are hashed again next time instead of trusting their stat.
     */
    static final Duration RACY = Duration.ofSeconds(2);

    /**
     * One look at one non-directory path.
     *
     * @param before   what was known, {@code null} if nothing
     * @param mustHash the stat differs from {@code before} (or it was racy): the content has to be read
     */
    record Look(String key, KnownState before, boolean wasRacy, boolean mustHash) {
    }

    private final Path root;
    private final List<Path> inner;
    private final NameFilter filter;
    private final TreeMap<String, KnownState> known = new TreeMap<>();
    private final Set<String> racy = new HashSet<>();

    /**
     * @param root  absolute, normalised: a file or a directory, watched recursively
     * @param inner roots of the same watcher inside {@code root}: their own reconcilers answer for them
     */
    Reconciler(Path root, List<Path> inner, NameFilter filter) {
        this.root = root;
        this.inner = List.copyOf(inner);
        this.filter = filter;
    }

    /** The root itself, or a path inside it (and no inner root's) not excluded by name; a root never is. */
    boolean watches(Path p) {
        return p.equals(root) || p.startsWith(root) && owns(p) && !filter.excluded(p);
    }

    /** Not in an inner root: a walk of this root skips those. */
    boolean owns(Path p) {
        for (Path r : inner) {
            if (p.startsWith(r)) {
                return false;
            }
        }
        return true;
    }

    /** Takes the watched, absolute entries of a state kept elsewhere (the graph) as what is known. */
    void seed(Map<String, KnownState> state) {
        state.forEach((path, s) -> {
            Path p = Path.of(path);
            if (p.isAbsolute() && watches(p)) {
                known.put(p.normalize().toString(), s);
            }
        });
    }

    /** Whether the content of {@code key}, now with stat {@code st}, has to be read. */
    Look look(String key, FileStates.Stat st) {
        KnownState before = known.get(key);
        boolean wasRacy = racy.remove(key);
        boolean mustHash = wasRacy || before == null || !FileStates.sameStat(before, st);
        return new Look(key, before, wasRacy, mustHash);
    }

    /** The path is still being written and will be looked at again: keep it as it was. */
    void postpone(Look look) {
        if (look.wasRacy()) {
            racy.add(look.key());
        }
    }

    /**
     * {@code after} is what the path holds now ({@link Look#before()} itself when nothing had to
     * be read). Returns the change, or {@code null} when nothing that is recorded differs.
     */
    FileChange record(Look look, KnownState after, Instant now, boolean startup) {
        String key = look.key();
        Instant ctime = after.ctime() == null ? Instant.EPOCH : after.ctime();
        if (Duration.between(ctime, now).compareTo(RACY) < 0) {
            racy.add(key);
        }
        known.put(key, after);
        KnownState before = look.before();
        if (before == null) {
            return new FileChange(key, FileChange.CREATED, null, after.sha256(), List.of(), now, startup, after);
        }
        if (after == before) {
            return null;
        }
        List<String> changes = FileStates.diff(before, after);
        return changes.isEmpty() ? null
                : new FileChange(key, FileChange.MODIFIED, before.sha256(), after.sha256(), changes, now, startup, after);
    }

    /** {@code key} holds no file any more (gone, or now a directory): its deletion, or {@code null} if it was not known. */
    FileChange forget(String key, Instant now, boolean startup) {
        racy.remove(key);
        KnownState before = known.remove(key);
        return before == null ? null
                : new FileChange(key, FileChange.DELETED, before.sha256(), null, List.of(), now, startup, null);
    }

    /** {@code dir} is gone or no longer a directory: the deletion of everything known below it. */
    List<FileChange> forgetBelow(Path dir, Instant now, boolean startup) {
        List<FileChange> out = new ArrayList<>();
        for (String key : knownBelow(dir)) {
            out.add(forget(key, now, startup));
        }
        return out;
    }

    /**
     * A walk of {@code dir} found {@code seen}; it could not read {@code failed} (paths below
     * which nothing is concluded: unreadable is not gone). Everything else known below it is gone.
     */
    List<FileChange> walked(Path dir, Set<String> seen, List<Path> failed, Instant now, boolean startup) {
        List<FileChange> out = new ArrayList<>();
        for (String key : knownBelow(dir)) {
            Path p = Path.of(key);
            if (!seen.contains(key) && failed.stream().noneMatch(p::startsWith)) {
                out.add(forget(key, now, startup));
            }
        }
        return out;
    }

    /** Known entries strictly below {@code dir}: keys in ["dir/", "dir0"), '0' being the character after '/'. */
    List<String> knownBelow(Path dir) {
        String s = dir.toString();
        String prefix = s.endsWith("/") ? s : s + "/";
        return List.copyOf(known.subMap(prefix, true, prefix.substring(0, prefix.length() - 1) + "0", false).keySet());
    }

    /** A copy of everything known. */
    Map<String, KnownState> snapshot() {
        return new TreeMap<>(known);
    }
}
