package dev.watchman.pack;

import dev.watchman.Severity;



/**
 * One validated pack rule. Only the fields of its {@link RuleType} are set; the others are null.
 * Modes are permission bits (e.g. 0640 octal), patterns RE2 syntax (already checked to compile).
 *
 * @param path    absolute path as on the target host; may be a glob for every type
 * @param owner   user name or numeric uid
 * @param group   group name or numeric gid
 * @param forbid  for {@code tree}: world-writable | setuid | setgid
 */
public record PackRule(String id, RuleType type, Severity severity, String description, String path,
                       String pattern, Integer mode, Integer maxMode, String owner, String group, String sha256,
                       String under, String forbid) {
}
