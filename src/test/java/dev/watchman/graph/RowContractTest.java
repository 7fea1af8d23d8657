package dev.watchman.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every write statement in cypher/ against the row record that feeds it: the keys the Cypher reads
 * ({@code r.xxx} of its {@code UNWIND $rows AS r}, or the {@code $xxx} of a one-row statement) must
 * be exactly the keys {@link Row#toParam} sends, which must be exactly the record's components, so a
 * key misspelt on either side, or added to one side only, fails here instead of writing nulls.
 */
class RowContractTest {
    /** Write statement → the row record it reads. */
    static final Map<String, String> ROWS = new TreeMap<>(Map.ofEntries(
            Map.entry("graph/upsert-config-files", "dev.watchman.graph.ConfigFileRow"),
            Map.entry("graph/write-events", "dev.watchman.graph.EventRow"),
            Map.entry("snapshot/write-versions", "dev.watchman.snapshot.FileVersionRow"),
            Map.entry("snapshot/begin", "dev.watchman.snapshot.SnapshotStart"),
            Map.entry("snapshot/finish", "dev.watchman.snapshot.SnapshotFinish"),
            Map.entry("audit/write", "dev.watchman.audit.ConfigAuditRow"),
            Map.entry("audit/write-findings", "dev.watchman.audit.FindingRow"),
            Map.entry("audit/write-mismatches", "dev.watchman.audit.MismatchRow"),
            Map.entry("pack/upsert", "dev.watchman.pack.PackRow"),
            Map.entry("host/upsert", "dev.watchman.host.HostRow"),
            Map.entry("alert/create", "dev.watchman.alert.AlertRow"),
            Map.entry("alert/silence-create", "dev.watchman.alert.SilenceRow"),
            Map.entry("schedule/begin-run", "dev.watchman.schedule.JobRunStart"),
            Map.entry("schedule/finish-run", "dev.watchman.schedule.JobRunFinish"),

            Map.entry("notify/enqueue", "dev.watchman.notify.NotificationRow"),
            Map.entry("notify/record", "dev.watchman.notify.AttemptRow")));

    /** Write statements that take a few ids, not a node's properties: no row. */
    static final Set<String> NO_ROW = Set.of(
            "host/heartbeat", // $id; sets lastSeen = datetime()
            "pack/assign", // $hostId, $packId, $at: a relationship
            "pack/unassign", // $hostId, $name: deletes a relationship
            "alert/update", // $activeKey and the latest check's message, count, time and audit id
            "alert/resolve", // $activeKey, $at, $auditId: status and a relationship
            "alert/set-drift-detection", // $hostId, $enabled
            "alert/silence-remove", // $id, $now
            "alert/silence-end-checked", // $ids, $at
            "schedule/mark-interrupted", // $hostId, $jobs, $keep: closes leftover runs

            "notify/claim"); // $id, $now, $until, $channel: counts an attempt and takes a lease

    private static final Pattern WRITE = Pattern.compile("\\b(CREATE|MERGE|SET|DELETE|REMOVE)\\b");
    private static final Pattern UNWIND_ROWS = Pattern.compile("\\bUNWIND\\s+\\$rows\\s+AS\\s+(\\w+)");
    private static final Pattern PARAM = Pattern.compile("\\$(\\w+)");

    @Test
    void everyWriteStatementIsBoundToARowOrListedAsRowless() {
        List<String> unbound = new ArrayList<>();
        Set<String> writes = new TreeSet<>();
        Cypher.all().forEach((name, text) -> {
            if (!name.startsWith("schema/") && WRITE.matcher(code(text)).find()) {
                writes.add(name);
                if (!ROWS.containsKey(name) && !NO_ROW.contains(name)) {
                    unbound.add(name);
                }
            }
        });
        assertEquals(List.of(), unbound, "write statements without a row record: add one, or list them in NO_ROW");
        Set<String> listed = new TreeSet<>(ROWS.keySet());
        listed.addAll(NO_ROW);
        assertEquals(listed, writes, "ROWS and NO_ROW must name the write statements that exist");
    }

    @Test
    void everyRowRecordIsBoundToAStatement() throws Exception {
        Set<String> rows = new TreeSet<>();
        Path classes = Path.of(Row.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                String name = classes.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name, false, Row.class.getClassLoader());
                if (Row.class.isAssignableFrom(c) && c != Row.class) {
                    assertTrue(c.isRecord(), name + " implements Row but is not a record");
                    rows.add(name);
                }
            }
        }
        assertEquals(new TreeSet<>(ROWS.values()), rows, "every Row record feeds a statement in ROWS");
    }

    @Test
    void eachStatementReadsExactlyTheKeysItsRowSends() throws Exception {
        List<String> broken = new ArrayList<>();
        for (Map.Entry<String, String> e : ROWS.entrySet()) {
            Class<?> type = Class.forName(e.getValue());
            Map<String, Object> param = sample(type).toParam();
            Set<String> sent = new TreeSet<>(param.keySet());
            Set<String> components = new TreeSet<>();
            for (RecordComponent rc : type.getRecordComponents()) {
                components.add(rc.getName());
            }
            Set<String> read = keysRead(Cypher.text(e.getKey()));
            String where = e.getKey() + ".cypher / " + type.getSimpleName();
            if (!sent.equals(components)) {
                broken.add(where + ": toParam sends " + sent + " but the record has " + components);
            }
            if (!read.equals(sent)) {
                broken.add(where + ": read by the Cypher but not sent " + minus(read, sent)
                        + ", sent but never read " + minus(sent, read));
            }
            param.forEach((k, v) -> {
                if (!driverValue(v)) {
                    broken.add(where + ": key " + k + " sends a " + v.getClass().getName()
                            + " (convert enums to their label and times with Times)");
                }
            });
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void theKeyParserSeesWhatAStatementReads() {
        assertEquals(Set.of("a", "b"), keysRead("// r.comment $rows: [{x}]\nUNWIND $rows AS r\n"
                + "MERGE (n {id: r.a}) SET n.b = coalesce(r.b, n.b), n.c = $c"));
        assertEquals(Set.of("id", "name"), keysRead("MERGE (h:Host {id: $id}) SET h.name = $name"));
    }

    /** The keys a statement reads from its row: r.xxx after UNWIND $rows AS r, else every $xxx. */
    static Set<String> keysRead(String text) {
        String code = code(text);
        Set<String> out = new TreeSet<>();
        Matcher unwind = UNWIND_ROWS.matcher(code);
        Matcher m = unwind.find()
                ? Pattern.compile("\\b" + unwind.group(1) + "\\.(\\w+)").matcher(code)
                : PARAM.matcher(code);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The statement without its // comment lines. */
    private static String code(String text) {
        StringBuilder b = new StringBuilder();
        for (String line : text.split("\n")) {
            if (!line.strip().startsWith("//")) {
                b.append(line).append('\n');
            }
        }
        return b.toString();
    }

    /** A row with every component set (no nulls), through the canonical constructor. */
    private static Row sample(Class<?> type) throws ReflectiveOperationException {
        RecordComponent[] rcs = type.getRecordComponents();
        Class<?>[] types = new Class<?>[rcs.length];
        Object[] args = new Object[rcs.length];
        for (int i = 0; i < rcs.length; i++) {
            types[i] = rcs[i].getType();
            args[i] = dummy(types[i], type.getSimpleName() + "." + rcs[i].getName());
        }
        Constructor<?> c = type.getDeclaredConstructor(types);
        c.setAccessible(true);
        return (Row) c.newInstance(args);
    }

    private static Object dummy(Class<?> t, String what) {
        if (t == String.class) {
            return "s";
        } else if (t == long.class || t == Long.class) {
            return 1L;
        } else if (t == int.class || t == Integer.class) {
            return 1;
        } else if (t == boolean.class || t == Boolean.class) {
            return true;
        } else if (t == Instant.class) {
            return Instant.EPOCH;
        } else if (t == List.class) {
            return List.of("s");
        } else if (t.isEnum()) {
            return t.getEnumConstants()[0];
        }
        return fail("RowContractTest has no sample value for " + what + " (" + t.getName() + "); add one");
    }

    /** What the statements may be sent: the driver's types, as Graph passes them on. */
    private static boolean driverValue(Object v) {
        if (v instanceof List<?> l) {
            return l.stream().allMatch(RowContractTest::driverValue);
        }
        return v == null || v instanceof String || v instanceof Long || v instanceof Integer || v instanceof Boolean
                || v instanceof Double || v instanceof ZonedDateTime;
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }
}
