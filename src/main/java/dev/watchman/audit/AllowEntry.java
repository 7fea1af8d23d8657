package dev.watchman.audit;

/**
 * Suppresses findings of one rule (or all rules, when {@code ruleId} is null or "*") in files whose
 * display path matches {@code pathGlob} (java.nio glob: {@code *} stays within a directory,
 * {@code **} crosses directories, {@code {a,b}} alternates).
 */
public record AllowEntry(String pathGlob, String ruleId) {

    boolean coversAllRules() {
        return ruleId == null || ruleId.isBlank() || "*".equals(ruleId.trim());
    }
}
