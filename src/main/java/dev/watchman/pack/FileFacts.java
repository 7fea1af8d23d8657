package dev.watchman.pack;

/**
 * What the graph already knows about a file from the last snapshot, so metadata rules need no
 * disk access. Any component may be null when not recorded; the evaluator then stats the file.
 *
 * @param mode permission bits (07777 mask), e.g. 0644 octal = 420
 */
public record FileFacts(boolean exists, String sha256, Integer mode, Integer uid, Integer gid) {
}
