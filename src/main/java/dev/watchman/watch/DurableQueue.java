package dev.watchman.watch;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only on-disk journal of items waiting to be written elsewhere (the graph), so that
 * nothing recorded is lost while Neo4j is away or when the process dies.
 *
 * <p>Layout of {@code dir}: segment files {@code <first item seq, 20 digits>.seg}, an {@code ack}
 * file holding the sequence number of the last acknowledged item, and a {@code lock} file held
 * while the queue is open (two agents on one queue would interleave records). Each
 * {@link #append} is one record, {@code [len:int][crc32c:int][firstSeq:long][count:int][JSON array]}
 * (the CRC covers everything after itself), flushed with fdatasync before returning. A record
 * torn by a crash is recognised by its length or CRC when reopening and cut off; records before
 * it are intact because each was synced before the next began.
 *
 * <p>Items are read with {@link #peek} and removed with {@link #ack}, in order; a segment is
 * deleted once every item in it is acknowledged and a newer segment exists. Thread-safe.
 *
 * @param <T> item type, serialised with Jackson (java.time types supported)
 */
public final class DurableQueue<T> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DurableQueue.class);
    private static final int HEADER = 20;
    private static final long DEFAULT_SEGMENT_BYTES = 16L * 1024 * 1024;
    /** Larger than any batch we write; a bigger length can only be garbage from a torn write. */
    private static final int MAX_RECORD = 256 * 1024 * 1024;
    private static final String SUFFIX = ".seg";

    private final Path dir;
    private final long segmentBytes;
    private final ObjectMapper mapper;
    private final JavaType listType;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final List<Segment> segments = new ArrayList<>();
    private FileChannel active;
    private long acked;
    private long nextSeq;

    /** A segment file and the item sequence numbers it holds: [firstSeq, endSeq). */
    private record Segment(Path path, long firstSeq, long endSeq) {
    }

    public DurableQueue(Path dir, Class<T> type) throws IOException {
        this(dir, type, DEFAULT_SEGMENT_BYTES);
    }

    /** @param segmentBytes size after which a new segment file is started */
    public DurableQueue(Path dir, Class<T> type, long segmentBytes) throws IOException {
        if (segmentBytes < HEADER) {
            throw new IllegalArgumentException("segmentBytes too small: " + segmentBytes);
        }
        this.dir = dir.toAbsolutePath().normalize();
        this.segmentBytes = segmentBytes;
        this.mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        this.listType = mapper.getTypeFactory().constructCollectionType(List.class, type);
        Files.createDirectories(this.dir);
        lockChannel = FileChannel.open(this.dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            lockChannel.close();
            throw new IOException("event queue " + this.dir + " is in use by another watchman process");
        }
        lock = l;
        try {
            recover();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Appends the items as one record and returns once they are on disk. */
    public synchronized void append(List<T> items) throws IOException {
        ensureOpen();
        if (items.isEmpty()) {
            return;
        }
        byte[] payload = mapper.writeValueAsBytes(items);
        if (payload.length > MAX_RECORD - HEADER) {
            throw new IllegalArgumentException("batch of " + items.size() + " items is " + payload.length
                    + " bytes; split it");
        }
        ByteBuffer rec = ByteBuffer.allocate(HEADER + payload.length);
        rec.putInt(payload.length).putInt(0).putLong(nextSeq).putInt(items.size()).put(payload);
        CRC32C crc = new CRC32C();
        crc.update(rec.array(), 8, rec.capacity() - 8);
        rec.putInt(4, (int) crc.getValue());
        rec.flip();

        Segment last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
        if (last == null || (active.size() > 0 && active.size() + rec.remaining() > segmentBytes)) {
            startSegment();
            last = segments.get(segments.size() - 1);
        }
        long pos = active.size();
        try {
            long at = pos;
            while (rec.hasRemaining()) {
                at += active.write(rec, at);
            }
            active.force(false);
        } catch (IOException e) {
            // Leave no half record for the next append to build on.
            active.truncate(pos);
            throw e;
        }
        nextSeq += items.size();
        segments.set(segments.size() - 1, new Segment(last.path(), last.firstSeq(), nextSeq));
    }

    /** Up to {@code max} unacknowledged items, oldest first, without removing them. */
    public synchronized List<T> peek(int max) throws IOException {
        ensureOpen();
        List<T> out = new ArrayList<>(Math.min(max, 1024));
        long want = acked + 1;
        for (Segment s : segments) {
            if (out.size() >= max) {
                break;
            }
            if (s.endSeq() <= want) {
                continue;
            }
            try (FileChannel ch = FileChannel.open(s.path(), StandardOpenOption.READ)) {
                long pos = 0;
                ByteBuffer header = ByteBuffer.allocate(HEADER);
                while (out.size() < max && pos < ch.size()) {
                    header.clear();
                    readFully(ch, header, pos);
                    int len = header.getInt(0);
                    long first = header.getLong(8);
                    int count = header.getInt(16);
                    if (first + count > want) {
                        ByteBuffer payload = ByteBuffer.allocate(len);
                        readFully(ch, payload, pos + HEADER);
                        List<T> items = mapper.readValue(payload.array(), listType);
                        for (int i = (int) (want - first); i < items.size() && out.size() < max; i++) {
                            out.add(items.get(i));
                            want++;
                        }
                    }
                    pos += HEADER + len;
                }
            }
        }
        return out;
    }

    /** Removes the first {@code n} items, durably. */
    public synchronized void ack(int n) throws IOException {
        ensureOpen();
        if (n < 0 || n > size()) {
            throw new IllegalArgumentException("cannot ack " + n + " of " + size() + " queued items");
        }
        if (n == 0) {
            return;
        }
        acked += n;
        writeAck();
        // After the ack file: a crash in between leaves segments that the next open deletes.
        while (segments.size() > 1 && segments.get(0).endSeq() <= acked + 1) {
            Files.deleteIfExists(segments.remove(0).path());
        }
    }

    /** Items appended and not yet acknowledged. */
    public synchronized long size() {
        return nextSeq - 1 - acked;
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            if (active != null) {
                active.close();
                active = null;
            }
        } finally {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
            lockChannel.close();
        }
    }

    private void ensureOpen() {
        if (!lockChannel.isOpen()) {
            throw new IllegalStateException("event queue " + dir + " is closed");
        }
    }

    // ---- opening ----

    private void recover() throws IOException {
        acked = readAck();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        }
        long expected = -1;
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            long first = parseSeq(f);
            if (expected >= 0 && first != expected) {
                throw new IOException("event queue " + dir + " has a gap: expected item " + expected + " at "
                        + f.getFileName() + "; move the directory aside to start afresh");
            }
            long end = scan(f, first, i == files.size() - 1);
            segments.add(new Segment(f, first, end));
            expected = end;
        }
        nextSeq = segments.isEmpty() ? acked + 1 : expected;
        if (nextSeq <= acked) {
            // Every item acked and the tail torn away: carry on numbering after the ack.
            nextSeq = acked + 1;
        }
        while (segments.size() > 1 && segments.get(0).endSeq() <= acked + 1) {
            Files.deleteIfExists(segments.remove(0).path());
        }
        if (!segments.isEmpty()) {
            Segment last = segments.get(segments.size() - 1);
            if (last.endSeq() != nextSeq) {
                segments.set(segments.size() - 1, new Segment(last.path(), last.firstSeq(), nextSeq));
            }
            active = FileChannel.open(last.path(), StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
    }

    /** Validates every record; returns the end seq. Cuts a torn tail off the last segment. */
    private long scan(Path f, long first, boolean last) throws IOException {
        long seq = first;
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long pos = 0;
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            while (pos < size) {
                String bad = null;
                if (size - pos < HEADER) {
                    bad = "incomplete header";
                } else {
                    header.clear();
                    readFully(ch, header, pos);
                    int len = header.getInt(0);
                    if (len < 0 || len > MAX_RECORD || pos + HEADER + len > size) {
                        bad = "length " + len + " runs past the end";
                    } else {
                        ByteBuffer rec = ByteBuffer.allocate(HEADER - 8 + len);
                        readFully(ch, rec, pos + 8);
                        CRC32C crc = new CRC32C();
                        crc.update(rec.array(), 0, rec.capacity());
                        if ((int) crc.getValue() != header.getInt(4)) {
                            bad = "CRC mismatch";
                        } else if (header.getLong(8) != seq) {
                            bad = "sequence " + header.getLong(8) + " where " + seq + " was expected";
                        } else {
                            seq += header.getInt(16);
                            pos += HEADER + len;
                        }
                    }
                }
                if (bad != null) {
                    if (!last) {
                        throw new IOException("event queue segment " + f + " is corrupt at byte " + pos + " (" + bad
                                + "); move the directory aside to start afresh");
                    }
                    log.warn("event queue {}: dropping a torn record at byte {} ({}, {} bytes), left by a crash "
                            + "during an append; earlier records are intact", f, pos, bad, size - pos);
                    ch.truncate(pos);
                    ch.force(true);
                    break;
                }
            }
        }
        return seq;
    }

    private static long parseSeq(Path f) throws IOException {
        String name = f.getFileName().toString();
        try {
            return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
        } catch (NumberFormatException e) {
            throw new IOException("unexpected file in event queue: " + f);
        }
    }

    private long readAck() throws IOException {
        Path f = dir.resolve("ack");
        if (!Files.exists(f)) {
            return 0;
        }
        String text = Files.readString(f).trim();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IOException("event queue ack file " + f + " is unreadable ('" + text + "')");
        }
    }

    private void writeAck() throws IOException {
        // Written beside and renamed over, so a crash leaves the old or the new value, never half.
        Path tmp = dir.resolve("ack.new");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap((acked + "\n").getBytes(StandardCharsets.US_ASCII)));
            ch.force(true);
        }
        try {
            Files.move(tmp, dir.resolve("ack"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dir.resolve("ack"), StandardCopyOption.REPLACE_EXISTING);
        }
        syncDir();
    }

    private void startSegment() throws IOException {
        if (active != null) {
            active.close();
        }
        Path f = dir.resolve(String.format("%020d%s", nextSeq, SUFFIX));
        active = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        segments.add(new Segment(f, nextSeq, nextSeq));
        // The new name must survive a crash too, or its synced records vanish with it.
        syncDir();
    }

    private void syncDir() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Some filesystems refuse fsync on a directory; the data itself was synced.
            log.debug("fsync of directory {} not supported: {}", dir, e.toString());
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("unexpected end of event queue segment");
            }
            pos += n;
        }
        buf.flip();
    }
}
