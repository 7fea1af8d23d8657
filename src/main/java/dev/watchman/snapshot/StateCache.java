package dev.watchman.snapshot;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local copy of a root's last recorded state, written after each complete snapshot, so the
 * next snapshot or drift needs neither to re-hash unchanged files nor to pull every file back
 * over Bolt. It is only a cache: it is used when its sequence equals the root's last sequence in
 * the graph, and otherwise the state is read from the graph.
 */
final class StateCache {
    private static final Logger LOG = LoggerFactory.getLogger(StateCache.class);
    private static final int MAGIC = 0x574d5331; // "WMS1"
    private static final HexFormat HEX = HexFormat.of();

    /** A root's state at {@code seq}, and when the scan that produced it started. */
    record State(String rootId, long seq, Instant scanStartedAt, Map<String, ScannedEntry> entries) {
    }

    private final Path dir;

    StateCache(Path dataDir) {
        this.dir = dataDir.resolve("cache");
    }

    Path file(String rootKey) {
        return dir.resolve("root-" + rootKey + ".state");
    }

    /** The cached state, or null when missing, unreadable or for another root. */
    State read(String rootKey, String rootId) {
        Path f = file(rootKey);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try (InputStream raw = Files.newInputStream(f);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            if (in.readInt() != MAGIC) {
                return null;
            }
            String id = in.readUTF();
            if (!id.equals(rootId)) {
                return null;
            }
            long seq = in.readLong();
            Instant started = Instant.ofEpochSecond(in.readLong(), in.readInt());
            int n = in.readInt();
            Map<String, ScannedEntry> entries = new HashMap<>(n * 2);
            ScannedEntry.Kind[] kinds = ScannedEntry.Kind.values();
            byte[] sha = new byte[32];
            for (int i = 0; i < n; i++) {
                String path = readString(in);
                ScannedEntry.Kind kind = kinds[in.readByte()];
                long size = in.readLong();
                int mode = in.readInt();
                int uid = in.readInt();
                int gid = in.readInt();
                long mtime = in.readLong();
                long ctime = in.readLong();
                long inode = in.readLong();
                long dev = in.readLong();
                int nlink = in.readInt();
                String target = in.readBoolean() ? readString(in) : null;
                String hash = null;
                if (in.readBoolean()) {
                    in.readFully(sha);
                    hash = HEX.formatHex(sha);
                }
                String error = in.readBoolean() ? readString(in) : null;
                entries.put(path, new ScannedEntry(path, kind, size, mode, uid, gid, mtime, ctime, inode, dev, nlink,
                        target, hash, error));
            }
            return new State(id, seq, started, entries);
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring unreadable state cache {}: {}", f, e.toString());
            return null;
        }
    }

    /** Writes atomically (temp file + rename); a failure only costs speed next time. */
    void write(String rootKey, State state) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "root-" + rootKey, ".tmp");
            try (OutputStream raw = Files.newOutputStream(tmp);
                 DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
                out.writeInt(MAGIC);
                out.writeUTF(state.rootId());
                out.writeLong(state.seq());
                out.writeLong(state.scanStartedAt().getEpochSecond());
                out.writeInt(state.scanStartedAt().getNano());
                out.writeInt(state.entries().size());
                for (ScannedEntry e : state.entries().values()) {
                    writeString(out, e.path());
                    out.writeByte(e.kind().ordinal());
                    out.writeLong(e.size());
                    out.writeInt(e.mode());
                    out.writeInt(e.uid());
                    out.writeInt(e.gid());
                    out.writeLong(e.mtimeNanos());
                    out.writeLong(e.ctimeNanos());
                    out.writeLong(e.inode());
                    out.writeLong(e.dev());
                    out.writeInt(e.nlink());
                    out.writeBoolean(e.linkTarget() != null);
                    if (e.linkTarget() != null) {
                        writeString(out, e.linkTarget());
                    }
                    out.writeBoolean(e.sha256() != null);
                    if (e.sha256() != null) {
                        out.write(HEX.parseHex(e.sha256()));
                    }
                    out.writeBoolean(e.error() != null);
                    if (e.error() != null) {
                        writeString(out, e.error());
                    }
                }
            }
            Files.move(tmp, file(rootKey), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not write state cache for {}: {}", state.rootId(), e.toString());
        }
    }

    // writeUTF caps at 64 KiB; paths and link targets may be longer.
    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }
}
