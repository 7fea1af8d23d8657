package dev.watchman.snapshot;

import dev.watchman.Threads;
import dev.watchman.fs.Excludes;
import dev.watchman.fs.FileHasher;
import dev.watchman.fs.FileKind;
import dev.watchman.fs.FileStat;
import dev.watchman.fs.TreeWalker;
import dev.watchman.snapshot.ScannedEntry.Kind;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one {@link Scanner#scan}: a fork/join walk with one task per directory, each listing
 * its directory through {@link TreeWalker#list}.
 */
final class ScanRun {

    private static final Logger LOG = LoggerFactory.getLogger(ScanRun.class);

    /*
     * A directory's files are hashed in batches so that one huge directory still spreads over all
     * threads, while typical directories (tens of small files) cost a single task.
     */
    private static final int BATCH_FILES = 64;
    private static final long BATCH_BYTES = 8L << 20;
    private static final long TICK_MILLIS = 250;

    private static final Kind[] KINDS = {Kind.FILE, Kind.DIR, Kind.SYMLINK, Kind.OTHER};

    static {
        for (FileKind k : FileKind.values()) {
            if (!KINDS[k.ordinal()].name().equals(k.name())) {
                throw new ExceptionInInitializerError("ScannedEntry.Kind out of step with FileKind");
            }
        }
    }

    private record Pending(Path path, String rel, FileStat stat) {
    }

    private record FileKey(long dev, long inode) {
    }

    private final Path root;
    private final ScanOptions opts;
    private final Excludes matcher;
    private final FileOpener opener;
    private final ThreadLocal<FileHasher> hashers;

    private final ConcurrentLinkedQueue<List<ScannedEntry>> found = new ConcurrentLinkedQueue<>();
    private final ConcurrentHashMap<FileKey, String> linkOwners = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Pending> linkFollowers = new ConcurrentLinkedQueue<>();
    private final LongAdder filesSeen = new LongAdder();
    private final LongAdder bytesSeen = new LongAdder();
    private final LongAdder filesHashed = new LongAdder();
    private final LongAdder bytesHashed = new LongAdder();
    private final LongAdder reused = new LongAdder();
    private final LongAdder vanished = new LongAdder();
    private final LongAdder unstable = new LongAdder();
    private volatile boolean incomplete;

    ScanRun(Path root, ScanOptions opts, Excludes matcher, FileOpener opener, int bufferSize) {
        this.root = root;
        this.opts = opts;
        this.matcher = matcher;
        this.opener = opener;
        this.hashers = ThreadLocal.withInitial(() -> new FileHasher(bufferSize));
    }

    ScanResult run() {
        Instant startedAt = Instant.now();
        long t0 = System.nanoTime();
        ForkJoinPool pool = new ForkJoinPool(opts.threads(), ScanRun::newWorker, null, false);
        Thread ticker = startTicker(t0);
        try {
            pool.invoke(new DirTask(root, "", null));
        } finally {
            pool.shutdownNow();
            if (ticker != null) {
                ticker.interrupt();
                joinQuietly(ticker);
            }
        }
        List<ScannedEntry> entries = new ArrayList<>((int) Math.min(Integer.MAX_VALUE - 8,
                filesSeen.sum() + 16));
        for (List<ScannedEntry> batch : found) {
            entries.addAll(batch);
        }
        resolveHardLinks(entries);
        entries.sort(Comparator.comparing(ScannedEntry::path));

        long files = 0;
        long bytes = 0;
        long unreadable = 0;
        for (ScannedEntry e : entries) {
            if (e.kind() == Kind.FILE) {
                files++;
                bytes += e.size();
            } else if (e.kind() == Kind.UNREADABLE) {
                unreadable++;
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        opts.progress().finished(sample(t0));
        ScanResult.Totals totals = new ScanResult.Totals(files, bytes, filesHashed.sum(),
                bytesHashed.sum(), reused.sum(), unreadable, vanished.sum(), unstable.sum());
        return new ScanResult(root, entries, totals, startedAt, took, !incomplete);
    }

    private static ForkJoinWorkerThread newWorker(ForkJoinPool pool) {
        ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        t.setName("watchman-scan-" + t.getPoolIndex());
        return t;
    }

    /* Its own TreeWalker.Visitor: listing a directory allocates no visitor. */
    private final class DirTask extends RecursiveAction implements TreeWalker.Visitor {
        private static final long serialVersionUID = 1L;
        private final transient Path dir;
        private final String rel;
        private final transient FileStat stat;
        private transient List<ScannedEntry> local;
        private transient List<ForkJoinTask<?>> tasks;
        private transient List<Pending> batch;
        private long batchBytes;

        DirTask(Path dir, String rel, FileStat stat) {
            this.dir = dir;
            this.rel = rel;
            this.stat = stat;
        }

        @Override
        protected void compute() {
            local = new ArrayList<>();
            tasks = new ArrayList<>();
            batch = new ArrayList<>();
            try {
                TreeWalker.list(dir, rel, matcher, this);
            } catch (NoSuchFileException | NotDirectoryException e) {
                if (stat == null) {
                    throw Scanner.rootFailure(root, e);
                }
                vanished.increment();
                return;
            } catch (IOException e) {
                if (stat == null) {
                    throw Scanner.rootFailure(root, e);
                }
                incomplete = true;
                found.add(List.of(ScanRun.unreadable(rel, stat, Scanner.reason(e))));
                return;
            }
            if (stat != null) {
                local.add(ScanRun.entry(rel, stat, null, null, null));
            }
            found.add(local);
            if (!batch.isEmpty()) {
                tasks.add(new HashTask(batch));
            }
            List<ForkJoinTask<?>> subtasks = tasks;
            local = null;
            tasks = null;
            batch = null;
            if (!subtasks.isEmpty()) {
                invokeAll(subtasks);
            }
        }

        @Override
        public void vanished(Path path, String childRel) {
            vanished.increment();
        }

        @Override
        public void unreadable(Path path, String childRel, FileStat st, IOException e) {
            local.add(ScanRun.unreadable(childRel, st, Scanner.reason(e)));
        }

        @Override
        public void entry(Path child, String childRel, FileStat st) {
            filesSeen.increment();
            switch (st.kind()) {
                case DIR -> tasks.add(new DirTask(child, childRel, st));
                case FILE -> {
                    bytesSeen.add(st.size());
                    ScannedEntry cached = fromCache(childRel, st);
                    if (cached != null) {
                        local.add(cached);
                    } else if (st.nlink() > 1 && linkOwners.putIfAbsent(
                            new FileKey(st.dev(), st.inode()), childRel) != null) {
                        linkFollowers.add(new Pending(child, childRel, st));
                    } else {
                        batch.add(new Pending(child, childRel, st));
                        batchBytes += st.size();
                        if (batch.size() >= BATCH_FILES || batchBytes >= BATCH_BYTES) {
                            tasks.add(new HashTask(batch));
                            batch = new ArrayList<>();
                            batchBytes = 0;
                        }
                    }
                }
                default -> {
                    ScannedEntry e = describe(child, childRel, st);
                    if (e != null) {
                        local.add(e);
                    }
                }
            }
        }
    }

    private final class HashTask extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final transient List<Pending> files;

        HashTask(List<Pending> files) {
            this.files = files;
        }

        @Override
        protected void compute() {
            List<ScannedEntry> out = new ArrayList<>(files.size());
            for (Pending p : files) {
                ScannedEntry e = hashFile(p);
                if (e != null) {
                    out.add(e);
                }
            }
            found.add(out);
        }
    }

    private ScannedEntry fromCache(String rel, FileStat st) {
        if (opts.fullRehash()) {
            return null;
        }
        PriorEntry prior = opts.prior().find(rel);
        if (prior == null || prior.sha256() == null || !prior.matches(st)) {
            return null;
        }
        reused.increment();
        return entry(rel, st, null, prior.sha256(), null);
    }

    /**
     * Hashes one file, then lstats it again: if size, times or inode moved while we read, the
     * hash may mix two versions, so it is read once more; if it moves again we keep the last hash
     * and flag the entry. Returns null if the file vanished.
     */
    private ScannedEntry hashFile(Pending p) {
        FileHasher hasher = hashers.get();
        FileStat before = p.stat();
        for (int attempt = 0; ; attempt++) {
            String sha;
            try (ReadableByteChannel ch = opener.open(p.path())) {
                sha = hasher.hash(ch, before.size());
            } catch (NoSuchFileException e) {
                vanished.increment();
                return null;
            } catch (IOException e) {
                return unreadable(p.rel(), before, Scanner.reason(e));
            }
            if (attempt == 0) {
                filesHashed.increment();
            }
            bytesHashed.add(hasher.lastBytes());
            FileStat after;
            try {
                after = FileStat.lstat(p.path());
            } catch (NoSuchFileException e) {
                vanished.increment();
                return null;
            } catch (IOException e) {
                return unreadable(p.rel(), before, Scanner.reason(e));
            }
            if (after.sameVersion(before)) {
                return entry(p.rel(), after, null, sha, null);
            }
            if (after.kind() != FileKind.FILE) {
                return describe(p.path(), p.rel(), after);
            }
            if (attempt == 1) {
                unstable.increment();
                return entry(p.rel(), after, null, sha, ScannedEntry.CHANGED_DURING_SCAN);
            }
            before = after;
        }
    }

    /** Entries for everything but regular files; null if a symlink vanished. */
    private ScannedEntry describe(Path path, String rel, FileStat st) {
        if (st.kind() != FileKind.SYMLINK) {
            return entry(rel, st, null, null, null);
        }
        try {
            return entry(rel, st, FileStat.readLink(path), null, null);
        } catch (NoSuchFileException e) {
            vanished.increment();
            return null;
        } catch (IOException e) {
            return unreadable(rel, st, Scanner.reason(e));
        }
    }

    /*
     * Hard links were claimed by the first path to reach them; the others take its hash, unless
     * the inode changed between the two lstats, in which case they are hashed here.
     */
    private void resolveHardLinks(List<ScannedEntry> entries) {
        if (linkFollowers.isEmpty()) {
            return;
        }
        Map<String, ScannedEntry> byPath = new HashMap<>(entries.size() * 2);
        for (ScannedEntry e : entries) {
            byPath.put(e.path(), e);
        }
        for (Pending f : linkFollowers) {
            FileStat st = f.stat();
            ScannedEntry owner = byPath.get(linkOwners.get(new FileKey(st.dev(), st.inode())));
            ScannedEntry resolved;
            if (owner != null && owner.kind() == Kind.FILE && !owner.unstable()
                    && owner.inode() == st.inode() && owner.dev() == st.dev()
                    && owner.size() == st.size() && owner.mtimeNanos() == st.mtimeNanos()
                    && owner.ctimeNanos() == st.ctimeNanos()) {
                resolved = entry(f.rel(), st, null, owner.sha256(), null);
            } else if (owner != null && owner.kind() == Kind.UNREADABLE && owner.inode() == st.inode()) {
                resolved = unreadable(f.rel(), st, owner.error());
            } else {
                resolved = hashFile(f);
            }
            if (resolved != null) {
                entries.add(resolved);
            }
        }
    }

    private static ScannedEntry entry(String rel, FileStat st, String target, String sha, String error) {
        return new ScannedEntry(rel, KINDS[st.kind().ordinal()], st.size(), st.mode(), st.uid(), st.gid(),
                st.mtimeNanos(), st.ctimeNanos(), st.inode(), st.dev(), st.nlink(), target, sha, error);
    }

    private static ScannedEntry unreadable(String rel, FileStat st, String reason) {
        if (st == null) {
            return new ScannedEntry(rel, Kind.UNREADABLE, -1, -1, -1, -1, 0, 0, 0, 0, 0, null, null, reason);
        }
        return new ScannedEntry(rel, Kind.UNREADABLE, st.size(), st.mode(), st.uid(), st.gid(),
                st.mtimeNanos(), st.ctimeNanos(), st.inode(), st.dev(), st.nlink(), null, null, reason);
    }

    private ScanProgress sample(long t0) {
        return new ScanProgress(filesSeen.sum(), bytesSeen.sum(), filesHashed.sum(),
                bytesHashed.sum(), opts.prior().expectedFiles(),
                Duration.ofNanos(System.nanoTime() - t0));
    }

    private Thread startTicker(long t0) {
        ProgressListener listener = opts.progress();
        if (listener == ProgressListener.NONE) {
            return null;
        }
        Thread t = Threads.thread("scan-progress", () -> {
            try {
                while (true) {
                    Thread.sleep(TICK_MILLIS);
                    listener.update(sample(t0));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // A broken progress display must not fail the scan; stop ticking, keep scanning.
                LOG.warn("progress display stopped: {}", e.toString());
            }
        });
        t.start();
        return t;
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
