package dev.watchman.audit;

import dev.watchman.Severity;

/** What a rule finds, for `watchman audit --rules` and the docs; never any matched text. */
public record RuleInfo(String id, String description, String recommendation, Severity severity, boolean builtin) {
}
