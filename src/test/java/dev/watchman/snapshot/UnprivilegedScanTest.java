package dev.watchman.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * Real permission errors. The tests run as root, which can read anything, so the scan runs in a
 * child JVM as "nobody" (via setpriv) over a tree owned by root with a mode-000 file and a
 * mode-000 directory.
 */
class UnprivilegedScanTest {

    @TempDir
    Path tmp;

    /** Child entry point: prints one line per entry, then totals, or the error. */
    public static void main(String[] args) {
        try {
            ScanResult r = new Scanner().scan(Path.of(args[0]), ScanOptions.defaults());
            for (ScannedEntry e : r.entries()) {
                System.out.println(e.path() + "\t" + e.kind() + "\t" + e.error());
            }
            System.out.println("complete=" + r.complete() + " unreadable=" + r.totals().unreadable());
        } catch (WatchmanException e) {
            System.out.println("error " + e.exitCode() + " " + e.getMessage());
        }
    }

    private List<String> scanAsNobody(Path root) throws Exception {
        Path jar = Path.of(Logger.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path libs = Files.createDirectory(tmp.resolve("libs"));
        Path slf4j = Files.copy(jar, libs.resolve("slf4j-api.jar"), StandardCopyOption.REPLACE_EXISTING);
        String cp = String.join(":",
                Path.of(Scanner.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString(),
                Path.of(UnprivilegedScanTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                        .toString(),
                slf4j.toString());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                java, "--add-opens", "java.base/sun.nio.fs=ALL-UNNAMED", "-cp", cp,
                UnprivilegedScanTest.class.getName(), root.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return new ArrayList<>(List.of(new String(out, StandardCharsets.UTF_8).split("\n")));
    }

    @Test
    void permissionDeniedEntriesAreRecordedAndTheScanCompletes() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to create the fixture");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path root = Files.createDirectory(tmp.resolve("root"));
        ScanFixtures.write(root, "ok.conf", "fine");
        Path secret = ScanFixtures.write(root, "secret.conf", "hidden");
        Path locked = ScanFixtures.write(root, "locked/inner.conf", "x").getParent();
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));

        List<String> lines = scanAsNobody(root);

        assertEquals(List.of(
                "locked\tUNREADABLE\tpermission denied",
                "ok.conf\tFILE\tnull",
                "secret.conf\tUNREADABLE\tpermission denied",
                "complete=false unreadable=2"), lines);
    }

    @Test
    void anUnreadableRootIsAnError() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to create the fixture");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path root = Files.createDirectory(tmp.resolve("root"));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("-wx------"));

        List<String> lines = scanAsNobody(root);

        assertEquals(List.of("error " + ExitCode.IO + " cannot read snapshot root " + root + ": permission denied"),
                lines);
    }

}
