package dev.watchman.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.watchman.host.HostIdentity;
import dev.watchman.host.HostService;
import dev.watchman.query.StatusService;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Neo4jContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The official Neo4j image (pinned in the pom as neo4j.image), with authentication, where a
 * Docker engine exists. These machines have none, so JUnit reports this class as skipped.
 */
@Testcontainers(disabledWithoutDocker = true)
class Neo4jContainerIT {
    @Container
    static final Neo4jContainer<?> NEO4J = new Neo4jContainer<>(System.getProperty("neo4j.image", "neo4j:5.26.30-community"))
            .withAdminPassword("watchman-test");

    @Test
    void schemaHostAndStatusAgainstTheOfficialImage() {
        try (Graph g = Graph.connect(NEO4J.getBoltUrl(), "neo4j", "watchman-test", null, Duration.ofSeconds(30))) {
            g.applySchema();
            g.applySchema();
            HostIdentity id = new HostIdentity("container-host", "c", null, "linux", "6");
            new HostService(g, id).upsert();
            assertEquals(1L, new StatusService(g).status("external", id).nodeCounts().get("Host"));
        }
    }
}
