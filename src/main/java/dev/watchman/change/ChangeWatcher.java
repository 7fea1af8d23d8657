package dev.watchman.change;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import dev.watchman.config.Config;
import dev.watchman.graph.Graph;
import dev.watchman.watch.FileChange;
import dev.watchman.watch.KnownState;
import dev.watchman.watch.TreeWatcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every change under the watch roots as an event in the graph, then tells the registered
 * callbacks: the graph-backed counterpart of {@link dev.watchman.watch.ConfigWatcher} (same
 * {@code start()}/{@code stop()} life cycle, callbacks on the watcher thread).
 *
 * <p>At start each root is reconciled with the last state the graph has for it (plus events still
 * in the local queue): what differs was changed while nothing watched and is recorded with
 * {@code detectedAtStartup = true}. A root the graph has never seen and this queue directory has
 * never watched is a baseline: its files' state is recorded, without events.
 */
public final class ChangeWatcher {
    private static final Logger log = LoggerFactory.getLogger(ChangeWatcher.class);
    private static final String MARKER = "watched-roots";

    private final Supplier<Graph> graph;
    private final String hostId;
    private final Config.Watch settings;
    private final EventWriter writer;
    private final List<Path> roots;
    private final List<Consumer<ChangeEvent>> callbacks = new CopyOnWriteArrayList<>();
    private final List<TreeWatcher> watchers = new ArrayList<>();
    private volatile boolean stopped;

    /**
     * @param settings paths, mode, interval, debounce and exclude globs ({@code [watch]})
     * @param writer   where events go; its queue directory also remembers which roots were watched
     */
    public ChangeWatcher(Supplier<Graph> graph, String hostId, Config.Watch settings, EventWriter writer) {
        this.graph = Objects.requireNonNull(graph, "graph");
        this.hostId = Objects.requireNonNull(hostId, "hostId");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.roots = outermost(settings.paths());
        if (roots.isEmpty()) {
            throw new WatchmanException(ExitCode.USAGE, "nothing to watch: [watch] paths is empty");
        }
    }

    /** Absolute, normalised, and without roots inside other roots (they would report twice). */
    static List<Path> outermost(List<String> paths) {
        List<Path> all = paths.stream().map(p -> Path.of(p).toAbsolutePath().normalize()).distinct().sorted().toList();
        List<Path> out = new ArrayList<>();
        for (Path p : all) {
            if (out.stream().noneMatch(p::startsWith)) {
                out.add(p);
            }
        }
        return out;
    }

    public List<Path> roots() {
        return roots;
    }

    /** Called with each event once it is safely queued on disk (it reaches the graph in order). */
    public void addCallback(Consumer<ChangeEvent> callback) {
        callbacks.add(Objects.requireNonNull(callback, "callback"));
    }

    public void removeCallback(Consumer<ChangeEvent> callback) {
        callbacks.remove(callback);
    }

    /**
     * Reconciles every root with the graph and starts one watcher thread per root; each delivers
     * its start-up changes before any live ones.
     *
     * @throws WatchmanException GRAPH when the last state cannot be read, IO for the queue directory
     */
    public synchronized void start() {
        if (!watchers.isEmpty() || stopped) {
            throw new IllegalStateException("ChangeWatcher can be started once");
        }
        Set<String> marked = readMarker();
        Map<String, KnownState> queued = queuedState();
        try {
            for (Path root : roots) {
                String r = root.toString();
                boolean known = marked.contains(r) || ChangeStore.knowsAnything(graph.get(), hostId, r);
                TreeWatcher.Builder b = TreeWatcher.builder().root(root)
                        .mode(switch (settings.mode()) {
                            case POLL -> TreeWatcher.Mode.POLL;
                            case REALTIME -> TreeWatcher.Mode.REALTIME;
                        })
                        .pollInterval(Duration.ofSeconds(settings.intervalSeconds()))
                        .debounce(Duration.ofMillis(settings.debounceMillis()))
                        .excludes(settings.exclude());
                if (known) {
                    Map<String, KnownState> state = new HashMap<>(ChangeStore.knownState(graph.get(), hostId, List.of(r)));
                    queued.forEach((path, s) -> {
                        if (under(path, r)) {
                            if (s == null) {
                                state.remove(path);
                            } else {
                                state.put(path, s);
                            }
                        }
                    });
                    b.knownState(state);
                }
                TreeWatcher w = b.build();
                w.addListener(this::onBatch);
                w.start();
                watchers.add(w);
                if (!known) {
                    Map<String, KnownState> baseline = w.knownState();
                    ChangeStore.writeBaseline(graph.get(), hostId, baseline);
                    log.info("first watch of {}: recorded the state of {} file(s) as the baseline", root, baseline.size());
                }
                mark(r);
            }
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /** Stops every root's watcher, waiting at most about 5 s for each. Queued events stay queued. */
    public synchronized void stop() {
        stopped = true;
        watchers.forEach(TreeWatcher::close);
        watchers.clear();
    }

    /** Rescans every root now (what an overflow does on its own); completes when the changes are queued. */
    public void rescan() {
        List<TreeWatcher> ws;
        synchronized (this) {
            ws = List.copyOf(watchers);
        }
        ws.forEach(w -> w.rescan().join());
    }

    /** The per-root engines (tests reach their overflow hooks through these). */
    synchronized List<TreeWatcher> treeWatchers() {
        return List.copyOf(watchers);
    }

    private void onBatch(List<FileChange> batch) {
        List<ChangeEvent> events = new ArrayList<>(batch.size());
        batch.forEach(c -> events.add(ChangeEvent.fromWatcher(hostId, c)));
        // Durable first: the watcher's state has already moved on, so an event not on disk would be
        // lost for good. A full disk holds the watcher here (kernel events pile up and overflow into
        // a rescan) rather than dropping anything.
        long wait = 100;
        boolean said = false;
        while (true) {
            try {
                writer.record(events);
                break;
            } catch (IOException | RuntimeException e) {
                if (stopped) {
                    log.error("stopping with {} change event(s) not queued: {}", events.size(), e.toString());
                    return;
                }
                if (!said) {
                    log.error("cannot queue {} change event(s) in {} ({}); retrying until it works",
                            events.size(), writer.dir(), e.toString());
                    said = true;
                }
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                wait = Math.min(5_000, wait * 2);
            }
        }
        for (ChangeEvent e : events) {
            for (Consumer<ChangeEvent> c : callbacks) {
                try {
                    c.accept(e);
                } catch (RuntimeException ex) {
                    // One callback's failure must not keep the others, or the next change, from running.
                    log.error("change callback failed for {}", e.path(), ex);
                }
            }
        }
    }

    /** The state the queued events leave behind: path → state, null for deleted. */
    private Map<String, KnownState> queuedState() {
        Map<String, KnownState> out = new HashMap<>();
        try {
            for (ChangeEvent e : writer.queued()) {
                if (e.source().equals(ChangeEvent.WATCHER)) {
                    out.put(e.path(), e.changeType().equals(FileChange.DELETED) ? null : e.state());
                }
            }
        } catch (IOException e) {
            throw new WatchmanException(ExitCode.IO, "cannot read the event queue " + writer.dir() + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static boolean under(String path, String root) {
        return path.equals(root) || root.equals("/") || path.startsWith(root + "/");
    }

    private Set<String> readMarker() {
        Path f = writer.dir().resolve(MARKER);
        try {
            return Files.exists(f) ? new LinkedHashSet<>(Files.readAllLines(f, StandardCharsets.UTF_8)) : new LinkedHashSet<>();
        } catch (IOException e) {
            throw new WatchmanException(ExitCode.IO, "cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    private void mark(String root) {
        Path f = writer.dir().resolve(MARKER);
        try {
            if (!readMarker().contains(root)) {
                Files.writeString(f, root + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new WatchmanException(ExitCode.IO, "cannot write " + f + ": " + e.getMessage(), e);
        }
    }
}
