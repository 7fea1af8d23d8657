package dev.watchman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import org.junit.jupiter.api.Test;

/** Change types keep the lower-case form the graph, the output and queued events already use. */
class ChangeTypeTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void parsesOnlyTheLowerCaseLabels() {
        assertEquals(ChangeType.MODIFIED, ChangeType.parse("modified"));
        assertNull(ChangeType.parse("MODIFIED"));
        assertNull(ChangeType.parse("changed"));
        assertNull(ChangeType.parse(null));
        assertEquals("created, modified, deleted", ChangeType.labels());
        assertEquals("deleted", ChangeType.DELETED.toString());
    }

    @Test
    void anEventQueuedByAnEarlierVersionStillReads() throws Exception {
        // Queue files on disk hold the type as a lower-case string.
        assertEquals("\"created\"", json.writeValueAsString(ChangeType.CREATED));
        assertEquals(ChangeType.DELETED, json.readValue("\"deleted\"", ChangeType.class));
        assertThrows(ValueInstantiationException.class, () -> json.readValue("\"gone\"", ChangeType.class));
    }
}
