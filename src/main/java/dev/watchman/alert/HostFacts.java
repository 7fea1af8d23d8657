package dev.watchman.alert;

import dev.watchman.pack.Pack;
import dev.watchman.pack.PackService;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * How the drift check gets a host's facts: the packs evaluated against its files as they are now.
 * This machine's are read from its own filesystem ({@link LocalHostFacts}); the fleet adds hosts
 * reached over SSH. The check asks each source in turn whether it {@link #reaches} a host.
 */
public interface HostFacts {
    /** Whether this source can check {@code host} at all. */
    boolean reaches(PackService.HostRef host);

    /** Where the packs' paths ({@code /etc/...}) are resolved on {@code host}, recorded on its audits. */
    Path root(PackService.HostRef host);

    /**
     * Evaluates each pack against {@code host}'s files now. A failure is an exception, never an
     * empty or partial result: a check that read nothing must not look like "compliant".
     */
    List<PackService.Check> check(PackService.HostRef host, List<Pack> packs) throws IOException;
}
