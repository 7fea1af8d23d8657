package dev.watchman.audit;

/** What a rule finds, for `watchman audit --rules` and the docs; never any matched text. */
public record RuleInfo(String id, String description, String recommendation, Severity severity, boolean builtin) {
}
