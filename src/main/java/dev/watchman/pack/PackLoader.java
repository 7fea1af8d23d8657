package dev.watchman.pack;

import dev.watchman.Severity;
import dev.watchman.Sha256;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Loads and strictly validates pack TOML files. Every problem is one line naming the file and the
 * rule: a typo in a compliance pack must fail loudly, never silently check less.
 */
public final class PackLoader {
    private static final Set<String> TOP_LEVEL = Set.of("name", "version", "description", "rule");
    private static final Set<String> TREE_FORBIDS = Set.of("world-writable", "setuid", "setgid");
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final java.util.regex.Pattern RULE_ID = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final java.util.regex.Pattern MODE = java.util.regex.Pattern.compile("0?[0-7]{3,4}");
    private static final java.util.regex.Pattern SHA256 = java.util.regex.Pattern.compile("[0-9a-fA-F]{64}");
    private static final java.util.regex.Pattern ACCOUNT = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*\\$?|[0-9]+");
    private static final TomlMapper TOML = new TomlMapper();

    private PackLoader() {
    }

    /** Loads every {@code *.toml} in the directory, sorted by pack name; one bad pack fails all. */
    public static List<Pack> loadDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new WatchmanException(ExitCode.NOT_FOUND, dir + ": pack directory does not exist");
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.toml")) {
            s.forEach(files::add);
        } catch (IOException e) {
            throw new WatchmanException(ExitCode.IO, dir + ": cannot list packs: " + e.getMessage(), e);
        }
        files.sort(Comparator.comparing(Path::toString));
        List<Pack> packs = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (Path f : files) {
            Pack p = load(f);
            String other = seen.putIfAbsent(p.name(), p.source());
            if (other != null) {
                throw new WatchmanException(ExitCode.USAGE,
                        p.source() + ": pack name '" + p.name() + "' is already used by " + other);
            }
            packs.add(p);
        }
        packs.sort(Comparator.comparing(Pack::name));
        return List.copyOf(packs);
    }

    public static Pack load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new WatchmanException(ExitCode.IO, file + ": cannot read pack: " + e.getMessage(), e);
        }
        return parse(file.toString(), bytes);
    }

    /** Parses pack bytes from anywhere (a file, the jar's built-in packs/); {@code source} names it in errors. */
    public static Pack parse(String source, byte[] bytes) {
        JsonNode root;
        try {
            root = TOML.readTree(bytes);
        } catch (JacksonException e) {
            JsonLocation loc = e.getLocation();
            String where = loc != null && loc.getLineNr() > 0 ? " at line " + loc.getLineNr() : "";
            throw usage(source, "TOML syntax error" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw usage(source, "cannot parse: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw usage(source, "empty pack");
        }
        unknownKeys(root, TOP_LEVEL).ifPresent(k -> {
            throw usage(source, "unknown key '" + k + "' (allowed: " + new TreeSet<>(TOP_LEVEL) + ")");
        });
        String name = text(source, null, root, "name", true);
        if (!NAME.matcher(name).matches()) {
            throw usage(source, "name '" + name + "' must be lower-case letters, digits, '.', '_' or '-'");
        }
        String version = text(source, null, root, "version", true);
        String description = text(source, null, root, "description", false);
        JsonNode rules = root.get("rule");
        if (rules == null || !rules.isArray() || rules.isEmpty()) {
            throw usage(source, "no [[rule]] entries");
        }
        List<PackRule> parsed = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int n = 0;
        for (JsonNode r : rules) {
            n++;
            PackRule rule = rule(source, n, r);
            if (!ids.add(rule.id())) {
                throw usage(source, "rule '" + rule.id() + "': duplicate rule id");
            }
            parsed.add(rule);
        }
        return new Pack(name, version, description, parsed, source, Sha256.hex(bytes));
    }

    private static PackRule rule(String source, int n, JsonNode r) {
        if (!r.isObject()) {
            throw usage(source, "rule #" + n + ": must be a [[rule]] table");
        }
        JsonNode idNode = r.get("id");
        if (idNode == null || !idNode.isTextual() || idNode.asText().isBlank()) {
            throw usage(source, "rule #" + n + ": missing field 'id'");
        }
        String id = idNode.asText();
        String ctx = "rule '" + id + "'";
        if (!RULE_ID.matcher(id).matches()) {
            throw usage(source, ctx + ": id must be letters, digits, '.', '_' or '-'");
        }
        String typeName = text(source, ctx, r, "type", true);
        RuleType type = RuleType.fromToml(typeName);
        if (type == null) {
            List<String> names = new ArrayList<>();
            for (RuleType t : RuleType.values()) {
                names.add(t.tomlName());
            }
            throw usage(source, ctx + ": unknown rule type '" + typeName + "' (one of " + String.join(", ", names) + ")");
        }
        Set<String> allowed = new HashSet<>(RuleType.COMMON);
        allowed.addAll(type.fields());
        unknownKeys(r, allowed).ifPresent(k -> {
            throw usage(source, ctx + ": unknown key '" + k + "' for type " + typeName
                    + " (allowed: " + new TreeSet<>(allowed) + ")");
        });
        Severity severity = Severity.MEDIUM;
        String sev = text(source, ctx, r, "severity", false);
        if (sev != null) {
            severity = Severity.parse(sev);
            if (severity == null) {
                throw usage(source, ctx + ": severity '" + sev + "' must be low, medium, high or critical");
            }
        }
        String description = text(source, ctx, r, "description", false);
        String path = null;
        if (type.fields().contains("path")) {
            path = text(source, ctx, r, "path", true);
            checkPath(source, ctx, "path", path);
        }
        String pattern = null;
        if (type.fields().contains("pattern")) {
            pattern = text(source, ctx, r, "pattern", true);
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                throw usage(source, ctx + ": invalid regex: " + e.getMessage());
            }
        }
        Integer mode = type == RuleType.MODE ? mode(source, ctx, r, "mode") : null;
        Integer maxMode = type == RuleType.MAX_PERMISSIONS ? mode(source, ctx, r, "max_mode") : null;
        String owner = null;
        String group = null;
        if (type == RuleType.OWNER) {
            owner = account(source, ctx, r, "owner");
            group = account(source, ctx, r, "group");
            if (owner == null && group == null) {
                throw usage(source, ctx + ": missing field 'owner' or 'group'");
            }
        }
        String sha = null;
        if (type == RuleType.SHA256) {
            sha = text(source, ctx, r, "sha256", true);
            if (!SHA256.matcher(sha).matches()) {
                throw usage(source, ctx + ": sha256 must be 64 hex digits");
            }
            sha = sha.toLowerCase(java.util.Locale.ROOT);
        }
        String under = null;
        String forbid = null;
        if (type == RuleType.TREE) {
            under = text(source, ctx, r, "under", true);
            checkPath(source, ctx, "under", under);
            if (isGlob(under)) {
                throw usage(source, ctx + ": 'under' must be a directory, not a glob");
            }
            forbid = text(source, ctx, r, "forbid", true);
            if (!TREE_FORBIDS.contains(forbid)) {
                throw usage(source, ctx + ": forbid '" + forbid + "' must be one of " + new TreeSet<>(TREE_FORBIDS));
            }
        }
        return new PackRule(id, type, severity, description, path, pattern, mode, maxMode, owner, group, sha,
                under, forbid);
    }

    static boolean isGlob(String path) {
        return path.indexOf('*') >= 0 || path.indexOf('?') >= 0 || path.indexOf('[') >= 0 || path.indexOf('{') >= 0;
    }

    /** Absolute, no ".." (evaluation resolves under a root and must not escape it), a valid glob. */
    private static void checkPath(String source, String ctx, String key, String path) {
        if (!path.startsWith("/")) {
            throw usage(source, ctx + ": " + key + " '" + path + "' must be absolute");
        }
        for (String seg : path.split("/")) {
            if (seg.equals("..")) {
                throw usage(source, ctx + ": " + key + " '" + path + "' must not contain '..'");
            }
        }
        if (isGlob(path)) {
            try {
                FileSystems.getDefault().getPathMatcher("glob:" + path);
            } catch (IllegalArgumentException e) {
                throw usage(source, ctx + ": " + key + " '" + path + "' is not a valid glob: " + e.getMessage());
            }
        }
    }

    private static Integer mode(String source, String ctx, JsonNode r, String key) {
        JsonNode v = r.get(key);
        if (v == null) {
            throw usage(source, ctx + ": missing field '" + key + "'");
        }
        // TOML has no leading-zero integers; a number here would be decimal 600, not octal.
        if (!v.isTextual() || !MODE.matcher(v.asText()).matches()) {
            throw usage(source, ctx + ": " + key + " must be an octal string like \"0640\"");
        }
        return Integer.parseInt(v.asText(), 8);
    }

    private static String account(String source, String ctx, JsonNode r, String key) {
        String v = text(source, ctx, r, key, false);
        if (v != null && !ACCOUNT.matcher(v).matches()) {
            throw usage(source, ctx + ": " + key + " '" + v + "' is not a user/group name or numeric id");
        }
        return v;
    }

    private static String text(String source, String ctx, JsonNode node, String key, boolean required) {
        JsonNode v = node.get(key);
        String prefix = ctx == null ? "" : ctx + ": ";
        if (v == null) {
            if (required) {
                throw usage(source, prefix + "missing field '" + key + "'");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw usage(source, prefix + "field '" + key + "' must be a string");
        }
        if (required && v.asText().isBlank()) {
            throw usage(source, prefix + "field '" + key + "' must not be empty");
        }
        return v.asText();
    }

    private static java.util.Optional<String> unknownKeys(JsonNode node, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                return java.util.Optional.of(k);
            }
        }
        return java.util.Optional.empty();
    }

    private static WatchmanException usage(String source, String problem) {
        return new WatchmanException(ExitCode.USAGE, source + ": " + problem);
    }

}
