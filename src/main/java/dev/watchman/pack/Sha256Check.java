package dev.watchman.pack;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;

/** {@code sha256}: each file has exactly this content; the graph's hash stands in for an exact path. */
final class Sha256Check implements RuleCheck {
    static final Sha256Check INSTANCE = new Sha256Check();

    @Override
    public String expected(PackRule rule, PackTarget host) {
        return "sha256 " + rule.sha256();
    }

    @Override
    public void check(PackRule rule, List<String> paths, boolean exact, PackTarget host, List<Mismatch> out) {
        String expected = expected(rule, host);
        for (String path : paths) {
            FileFacts rec = host.recorded(path, exact);
            String actual;
            if (rec != null && (!rec.exists() || rec.sha256() != null)) {
                actual = rec.exists() ? rec.sha256() : null;
            } else {
                try {
                    actual = host.sha256(path);
                } catch (NoSuchFileException e) {
                    actual = null;
                } catch (IOException e) {
                    out.add(new Mismatch(path, rule.id(), expected, PackTarget.unreadable(e)));
                    continue;
                }
            }
            if (actual == null) {
                out.add(new Mismatch(path, rule.id(), expected, "missing"));
            } else if (!actual.equalsIgnoreCase(rule.sha256())) {
                out.add(new Mismatch(path, rule.id(), expected, "sha256 " + actual));
            }
        }
    }
}
