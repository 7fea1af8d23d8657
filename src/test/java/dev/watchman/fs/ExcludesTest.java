package dev.watchman.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.watchman.ExitCode;
import dev.watchman.WatchmanException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExcludesTest {

    private static boolean excluded(String glob, String path) {
        return Excludes.of(List.of(glob)).excludes(path);
    }

    @Test
    void patternWithoutSlashMatchesTheBaseNameAtAnyDepth() {
        assertTrue(excluded("*.swp", "a.swp"));
        assertTrue(excluded("*.swp", "deep/er/.b.swp"));
        assertFalse(excluded("*.swp", "a.swp.bak"));
        assertTrue(excluded(".git", "src/.git"));
        assertFalse(excluded(".git", "src/.github"));
        assertTrue(excluded("cache-?", "x/cache-1"));
        assertFalse(excluded("cache-?", "x/cache-12"));
        assertTrue(excluded("[!a]*.conf", "x/b.conf"));
        assertFalse(excluded("[!a]*.conf", "x/a.conf"));
        assertTrue(excluded("log[0-9]", "log7"));
    }

    @Test
    void patternWithSlashMatchesTheRelativePath() {
        assertTrue(excluded("var/cache/**", "var/cache/apt/pkgcache.bin"));
        assertFalse(excluded("var/cache/**", "var/cache"));
        assertFalse(excluded("var/cache/**", "srv/var/cache/x"));
        assertTrue(excluded("var/cache", "var/cache"));
        assertTrue(excluded("/etc/ssl/private", "etc/ssl/private"));
        assertTrue(excluded("etc/*.bak", "etc/hosts.bak"));
        assertFalse(excluded("etc/*.bak", "etc/sub/hosts.bak"));
        assertTrue(excluded("etc/**/*.bak", "etc/hosts.bak"));
        assertTrue(excluded("etc/**/*.bak", "etc/a/b/hosts.bak"));
        assertTrue(excluded("**/node_modules", "a/b/node_modules"));
        assertTrue(excluded("**/node_modules", "node_modules"));
    }

    @Test
    void backslashEscapesAndRegexCharactersAreLiteral() {
        assertTrue(excluded("a\\*b", "a*b"));
        assertFalse(excluded("a\\*b", "axb"));
        assertTrue(excluded("f(1).conf", "f(1).conf"));
        assertTrue(excluded("*.(x)", "a.(x)"));
        assertFalse(excluded("a.c", "abc"));
    }

    @Test
    void malformedPatternsFailFastNamingThePattern() {
        for (String bad : List.of("[abc", "", "/", "x\\")) {
            WatchmanException e = assertThrows(WatchmanException.class, () -> Excludes.of(List.of(bad)));
            assertEquals(ExitCode.USAGE, e.exitCode());
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void theDefaultsExcludeEditorAndDpkgScratchFilesOnly() {
        Excludes d = Excludes.of(Excludes.DEFAULTS);
        for (String scratch : List.of("etc/.hosts.swp", "hosts.swx", "hosts.swo", "etc/hosts~", ".#hosts",
                "#hosts#", "etc/4913", "x.tmp", "etc/nginx.conf.dpkg-new", "a.dpkg-tmp")) {
            assertTrue(d.excludes(scratch), scratch);
        }
        for (String real : List.of("etc/hosts", "etc/swp", "etc/4914", "tmp/x.conf", "etc/.bashrc")) {
            assertFalse(d.excludes(real), real);
        }
        assertFalse(d.hasPathPatterns(), "the defaults are name patterns, usable by the watcher");
    }

    @Test
    void bracesAreLiteral() {
        assertTrue(excluded("{a,b}.conf", "{a,b}.conf"));
        assertFalse(excluded("{a,b}.conf", "a.conf"));
    }

    @Test
    void theTwoArgumentFormMatchesNamesAgainstTheGivenName() {
        Excludes e = Excludes.of(List.of("*.bak", "etc/*.conf"));
        assertTrue(e.excludes("etc/x.bak", "x.bak"));
        assertTrue(e.excludes("etc/x.conf", "x.conf"));
        assertFalse(e.excludes("srv/x.conf", "x.conf"));
        assertTrue(e.hasPathPatterns());
    }
}
