package dev.watchman.audit;

import dev.watchman.Severity;

/**
 * One secret found on disk. Deliberately carries no part of the value: only a salted fingerprint
 * (first 16 hex chars of HMAC-SHA256(salt, value)), so the same secret can be recognised across
 * files and audits without being stored. Safe to serialise, log and write to the graph.
 *
 * @param line 1-based line where the value starts (for a PEM block, the BEGIN line)
 */
public record Finding(String path, int line, String ruleId, Severity severity, String fingerprint,
                      String description, String recommendation) {
}
