package dev.watchman.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class RedactionTest {
    private static final String URL = "https://hooks.slack.com/services/T0ABC/B0DEF/SECRET123token";

    @Test
    void theUrlItsPathAndItsTokenAreMasked() {
        for (String message : new String[] {"failed POST " + URL, "no route to /services/T0ABC/B0DEF/SECRET123token",
                "bad segment SECRET123token", "hooks.slack.com" + "/services/T0ABC/B0DEF/SECRET123token?x"}) {
            String clean = Redaction.clean(message, URL);
            assertFalse(clean.contains("SECRET123token"), clean);
        }
        assertEquals("HTTP 500: down", Redaction.clean("HTTP 500: down", URL));
    }

    @Test
    void oneLineAndShort() {
        assertEquals("a b", Redaction.clean("a\nb", URL));
        assertEquals(300, Redaction.clean("x".repeat(1000), URL).length());
    }
}
