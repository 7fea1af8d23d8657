package dev.watchman.pack;

/**
 * One way the host differs from a pack. {@code actual} never holds file content: content rules
 * say "line missing" or "line 12 matches forbidden pattern", so a secret on that line stays on disk.
 *
 * @param path the host path (as written in the pack, or the file a glob/tree rule matched)
 * @param rule the pack rule id
 */
public record Mismatch(String path, String rule, String expected, String actual) {
}
