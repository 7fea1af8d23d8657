package dev.watchman.pack;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code owner}: the owning user and/or group, by name (the target's own passwd and group files,
 * see {@link Accounts}) or number. A name the target does not know never matches.
 */
final class OwnerCheck extends MetadataCheck {
    static final OwnerCheck INSTANCE = new OwnerCheck();

    @Override
    public String expected(PackRule rule, PackTarget host) {
        List<String> parts = new ArrayList<>();
        if (rule.owner() != null) {
            Integer id = host.users.idOf(rule.owner());
            parts.add(id == null ? "uid of unknown user '" + rule.owner() + "'" : "uid " + host.users.describe(id));
        }
        if (rule.group() != null) {
            Integer id = host.groups.idOf(rule.group());
            parts.add(id == null ? "gid of unknown group '" + rule.group() + "'" : "gid " + host.groups.describe(id));
        }
        return String.join(", ", parts);
    }

    @Override
    String violation(PackRule rule, PackTarget.Facts f, PackTarget host) {
        boolean ok = true;
        List<String> actual = new ArrayList<>();
        if (rule.owner() != null) {
            Integer want = host.users.idOf(rule.owner());
            ok &= want != null && want.equals(f.uid());
            actual.add("uid " + host.users.describe(f.uid()));
        }
        if (rule.group() != null) {
            Integer want = host.groups.idOf(rule.group());
            ok &= want != null && want.equals(f.gid());
            actual.add("gid " + host.groups.describe(f.gid()));
        }
        return ok ? null : String.join(", ", actual);
    }
}
