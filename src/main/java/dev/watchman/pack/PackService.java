package dev.watchman.pack;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import dev.watchman.graph.Cells;
import dev.watchman.graph.ConfigFileRow;
import dev.watchman.graph.FileStatus;
import dev.watchman.graph.Graph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Packs as the graph knows them: loads the [packs] dir plus the shipped packs, records them as
 * versioned :Pack nodes, assigns them to hosts by name and evaluates a host against them with the
 * facts its latest snapshots recorded. Every command loads and validates all packs before it
 * writes anything, so a malformed pack never leaves half an assignment behind.
 */
public final class PackService {
    private static final Logger LOG = LoggerFactory.getLogger(PackService.class);

    private final PackStore store;
    private final Path dir;
    private List<Pack> available;

    /** A host as named on the command line, resolved to its id. */
    public record HostRef(String id, String name) {
    }

    /** One pack for `packs list|show`, with the hosts it is assigned to (any version). */
    public record Listed(String name, String version, String description, int rules, String source, String checksum,
                         List<String> hosts) {
    }

    /** A pack evaluated for one host; {@code recordedPaths} exact paths were answered from the graph. */
    public record Check(Pack pack, PackResult result, int recordedPaths) {
    }

    public PackService(Graph graph, Path dir) {
        this.store = new PackStore(graph);
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /**
     * The shipped packs, overridden by name by the packs in [packs] dir. A missing directory means
     * "no local packs" (it is optional); any invalid pack fails the whole load with exit code 2.
     */
    public List<Pack> available() {
        if (available == null) {
            Map<String, Pack> byName = new TreeMap<>();
            for (Pack p : ShippedPacks.load()) {
                byName.put(p.name(), p);
            }
            if (Files.exists(dir)) {
                for (Pack p : PackLoader.loadDirectory(dir)) {
                    Pack shipped = byName.put(p.name(), p);
                    if (shipped != null) {
                        LOG.debug("pack {} from {} overrides the shipped one", p.name(), p.source());
                    }
                }
            } else {
                LOG.debug("pack directory {} does not exist; only the shipped packs are available", dir);
            }
            available = List.copyOf(byName.values());
        }
        return available;
    }

    public Pack find(String name) {
        for (Pack p : available()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        List<String> names = available().stream().map(Pack::name).toList();
        throw new WatchmanException(ExitCode.NOT_FOUND, "no pack named '" + name + "' in " + dir
                + " or the shipped packs (available: " + String.join(", ", names) + ")");
    }

    /** Records the packs as :Pack nodes; assignments of other versions of the same names move to these. */
    public void record(List<Pack> packs) {
        if (packs.isEmpty()) {
            return;
        }
        for (PackStore.Upserted r : store.upsert(packs, Instant.now())) {
            if (r.moved() > 0) {
                LOG.info("pack {}: {} assignment(s) moved to version {}", r.name(), r.moved(), r.version());
            }
        }
    }

    public List<Listed> list() {
        Map<String, List<String>> hosts = hostsByPack(null);
        List<Listed> out = new ArrayList<>();
        Map<String, Boolean> seen = new HashMap<>();
        for (Pack p : available()) {
            seen.put(p.name(), true);
            out.add(listed(p, hosts.getOrDefault(p.name(), List.of())));
        }
        // Assigned in the graph but no longer on disk: shown so the assignment can be removed.
        for (Map<String, Object> a : store.assignments(null)) {
            String name = (String) a.get("pack");
            if (seen.putIfAbsent(name, true) == null) {
                out.add(new Listed(name, (String) a.get("version"), null, 0, "(missing: assigned, but no pack file)",
                        null, hosts.get(name)));
            }
        }
        return out;
    }

    public Listed show(String name) {
        return listed(find(name), hostsByPack(name).getOrDefault(name, List.of()));
    }

    public HostRef resolveHost(String ref) {
        List<Map<String, Object>> rows = store.findHost(ref);
        if (rows.isEmpty()) {
            throw new WatchmanException(ExitCode.NOT_FOUND, "no host with id or name '" + ref
                    + "' in the graph; list them with: watchman query hosts");
        }
        Map<String, Object> first = rows.get(0);
        if (rows.size() > 1 && !ref.equals(first.get("id"))) {
            List<String> ids = rows.stream().map(r -> (String) r.get("id")).toList();
            throw new WatchmanException(ExitCode.USAGE, "host name '" + ref + "' is ambiguous (ids "
                    + String.join(", ", ids) + "); give the id");
        }
        return new HostRef((String) first.get("id"), (String) first.get("name"));
    }

    /** Assigns by name: validates every pack first (exit 2 on any malformed one), then writes. */
    public Map<String, Object> assign(String hostRef, String packName) {
        Pack pack = find(packName);
        HostRef host = resolveHost(hostRef);
        record(List.of(pack));
        return store.assign(host.id(), PackStore.id(pack), Instant.now());
    }

    /** @return false when the pack (known to the graph) was not assigned to the host */
    public boolean unassign(String hostRef, String packName) {
        HostRef host = resolveHost(hostRef);
        if (store.unassign(host.id(), packName) > 0) {
            return true;
        }
        if (!store.known(packName)) {
            throw new WatchmanException(ExitCode.NOT_FOUND, "no pack named '" + packName
                    + "' has ever been assigned; see watchman packs list");
        }
        return false;
    }

    /**
     * The current definitions of the packs assigned to a host. An assigned pack whose file is gone
     * is an error, not a silent skip: the host would look compliant with a pack nobody checks.
     */
    public List<Pack> assignedTo(String hostId) {
        List<Pack> out = new ArrayList<>();
        for (Map<String, Object> r : store.assigned(hostId)) {
            String name = (String) r.get("name");
            if (available().stream().noneMatch(p -> p.name().equals(name))) {
                throw new WatchmanException(ExitCode.NOT_FOUND, "pack '" + name + "' is assigned to host " + hostId
                        + " but is neither in " + dir + " nor shipped; restore its file or run: watchman packs unassign "
                        + hostId + " " + name);
            }
            out.add(find(name));
        }
        return out;
    }

    /**
     * Evaluates each pack separately under {@code fsRoot} ("/" for this machine). Exact-path
     * metadata rules are answered from the host's :ConfigFile state where a snapshot recorded the
     * file; everything else is read from disk by the evaluator.
     */
    public List<Check> evaluate(String hostId, List<Pack> packs, Path fsRoot) {
        return evaluate(hostId, packs, fsRoot, PackEvaluator.MAX_CONTENT_BYTES);
    }

    /** As {@link #evaluate(String, List, Path)}; content rules skip files over {@code maxContentBytes}. */
    public List<Check> evaluate(String hostId, List<Pack> packs, Path fsRoot, long maxContentBytes) {
        Path root = fsRoot.toAbsolutePath().normalize();
        Map<String, String> idToPath = new LinkedHashMap<>();
        for (Pack p : packs) {
            for (PackRule r : p.rules()) {
                if (r.type() != RuleType.TREE && !PackLoader.isGlob(r.path())) {
                    String rel = r.path().replaceFirst("^/+", "");
                    String abs = rel.isEmpty() ? root.toString() : root.resolve(rel).toString();
                    idToPath.put(ConfigFileRow.id(hostId, abs), r.path());
                }
            }
        }
        Map<String, FileFacts> recorded = new HashMap<>();
        if (!idToPath.isEmpty()) {
            for (Map<String, Object> f : store.facts(List.copyOf(idToPath.keySet()))) {
                FileFacts facts = facts(f);
                if (facts != null) {
                    recorded.put(idToPath.get(Cells.string(f, "id")), facts);
                }
            }
        }
        List<Check> out = new ArrayList<>();
        for (Pack p : packs) {
            int used = (int) p.rules().stream().filter(r -> r.path() != null && recorded.containsKey(r.path()))
                    .map(PackRule::path).distinct().count();
            out.add(new Check(p, PackEvaluator.evaluate(p, root, recorded, maxContentBytes), used));
        }
        return out;
    }

    /**
     * Evaluates each pack against the files as they are on disk now under {@code fsRoot}, asking
     * the graph nothing: the drift check must see a chmod made a minute ago even where no watcher
     * or snapshot has recorded it yet.
     */
    public List<Check> evaluateOnDisk(List<Pack> packs, Path fsRoot, long maxContentBytes) {
        Path root = fsRoot.toAbsolutePath().normalize();
        List<Check> out = new ArrayList<>();
        for (Pack p : packs) {
            out.add(new Check(p, PackEvaluator.evaluate(p, root, Map.of(), maxContentBytes), 0));
        }
        return out;
    }

    /**
     * Only states the graph records faithfully: files and directories (a symlink's lstat is not its
     * target's), and not files snapshots have stopped tracking (excluded: their record only ages).
     */
    private static FileFacts facts(Map<String, Object> f) {
        FileStatus status = FileStatus.parse(Cells.string(f, "status"));
        if (status == FileStatus.EXCLUDED) {
            return null;
        }
        if (status == FileStatus.MISSING) {
            return new FileFacts(false, null, null, null, null);
        }
        String kind = Cells.string(f, "kind");
        if (!"FILE".equals(kind) && !"DIR".equals(kind)) {
            return null;
        }
        return new FileFacts(true, "FILE".equals(kind) ? Cells.string(f, "sha256") : null, Cells.intOrNull(f, "mode"),
                Cells.intOrNull(f, "uid"), Cells.intOrNull(f, "gid"));
    }

    private Map<String, List<String>> hostsByPack(String name) {
        Map<String, List<String>> out = new HashMap<>();
        for (Map<String, Object> a : store.assignments(name)) {
            String host = a.get("hostName") == null ? (String) a.get("hostId") : (String) a.get("hostName");
            out.computeIfAbsent((String) a.get("pack"), k -> new ArrayList<>()).add(host);
        }
        return out;
    }

    private static Listed listed(Pack p, List<String> hosts) {
        return new Listed(p.name(), p.version(), p.description(), p.rules().size(), p.source(), p.sha256(),
                List.copyOf(hosts));
    }
}
