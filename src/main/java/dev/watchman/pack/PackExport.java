package dev.watchman.pack;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the packs shipped in the jar out as files, byte for byte, so a user can read them and
 * copy or adapt them in [packs] dir. A differing file already there is never overwritten silently:
 * it may be the user's edited copy.
 */
public final class PackExport {
    /** One pack file: where it went and whether it was written, already identical, or replaced. */
    public record Written(String pack, Path file, String outcome) {
    }

    private PackExport() {
    }

    public static List<Written> export(Path dir, boolean force) {
        List<ShippedPacks.File> files = ShippedPacks.files();
        Path target = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(target);
        } catch (IOException e) {
            throw new WatchmanException(ExitCode.IO, target + ": cannot create the export directory ("
                    + e.getClass().getSimpleName() + "); choose a writable directory", e);
        }
        // Check every file before writing any: a refusal leaves the directory as it was.
        List<String> differing = new ArrayList<>();
        for (ShippedPacks.File f : files) {
            Path p = target.resolve(f.name());
            if (Files.exists(p) && !force && !same(p, f.bytes())) {
                differing.add(p.toString());
            }
        }
        if (!differing.isEmpty()) {
            throw new WatchmanException(ExitCode.REFUSED, String.join(", ", differing)
                    + " already exist(s) with other content; move it away or rerun with --force to overwrite");
        }
        List<Written> out = new ArrayList<>();
        for (ShippedPacks.File f : files) {
            Path p = target.resolve(f.name());
            String pack = PackLoader.parse("jar:packs/" + f.name(), f.bytes()).name();
            if (Files.exists(p) && same(p, f.bytes())) {
                out.add(new Written(pack, p, "unchanged"));
                continue;
            }
            String outcome = Files.exists(p) ? "overwritten" : "written";
            try {
                Path tmp = Files.createTempFile(target, "." + f.name(), ".tmp");
                Files.write(tmp, f.bytes());
                Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new WatchmanException(ExitCode.IO, p + ": cannot write (" + e.getClass().getSimpleName()
                        + "); choose a writable directory", e);
            }
            out.add(new Written(pack, p, outcome));
        }
        return out;
    }

    private static boolean same(Path p, byte[] bytes) {
        try {
            return Files.isRegularFile(p) && Arrays.equals(Files.readAllBytes(p), bytes);
        } catch (IOException e) {
            return false;
        }
    }
}
