package dev.watchman.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The API on a port another process holds: one line naming the address and the key to change. */
class ApiPortTest {
    @Test
    void aTakenPortIsNamedWithItsKey() throws IOException {
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = held.getLocalPort();
            WatchmanException e = assertThrows(WatchmanException.class,
                    () -> ApiServer.start("127.0.0.1", port, "t".repeat(43), routes -> { }, String::valueOf).close());
            assertEquals(ExitCode.IO, e.exitCode(), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            assertTrue(e.getMessage().contains("127.0.0.1:" + port + " ") && e.getMessage().contains("already in use")
                    && e.getMessage().contains("set [api] port "), e.getMessage());
        }
    }
}
