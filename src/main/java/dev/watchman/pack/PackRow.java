package dev.watchman.pack;

import dev.watchman.graph.Row;
import java.util.Map;

/**
 * One row of {@code cypher/pack/upsert.cypher}, the only statement that writes {@code :Pack}.
 *
 * @param id       {@code name@version}
 * @param checksum SHA-256 of the pack file
 */
record PackRow(String id, String name, String version, String checksum, String description, String source,
               int ruleCount) implements Row {

    static PackRow of(Pack p) {
        return new PackRow(PackStore.id(p), p.name(), p.version(), p.sha256(), p.description(), p.source(),
                p.rules().size());
    }

    @Override
    public Map<String, Object> toParam() {
        return Row.params("id", id, "name", name, "version", version, "checksum", checksum,
                "description", description, "source", source, "ruleCount", ruleCount);
    }
}
