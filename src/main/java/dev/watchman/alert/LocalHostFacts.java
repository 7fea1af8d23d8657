package dev.watchman.alert;

import dev.watchman.PathArgs;
import dev.watchman.pack.Pack;
import dev.watchman.pack.PackService;
import java.nio.file.Path;
import java.util.List;

/**
 * This machine's facts, from its own filesystem under {@code [packs] root}, read fresh from disk
 * on every check (never the graph's last record: a chmod a minute ago counts).
 */
public final class LocalHostFacts implements HostFacts {
    private final String hostId;
    private final PackService packs;
    private final Path root;
    private final long maxContentBytes;

    public LocalHostFacts(String hostId, PackService packs, Path root, long maxContentBytes) {
        this.hostId = hostId;
        this.packs = packs;
        this.root = root;
        this.maxContentBytes = maxContentBytes;
    }

    @Override
    public boolean reaches(PackService.HostRef host) {
        return host.id().equals(hostId);
    }

    @Override
    public Path root(PackService.HostRef host) {
        return root;
    }

    @Override
    public List<PackService.Check> check(PackService.HostRef host, List<Pack> assigned) {
        return packs.evaluateOnDisk(assigned, PathArgs.directory(root, "[packs] root"), maxContentBytes);
    }
}
