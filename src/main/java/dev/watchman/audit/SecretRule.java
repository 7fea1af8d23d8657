package dev.watchman.audit;

import dev.watchman.Severity;


/**
 * A user-defined secret rule, built by the config layer from TOML. The regex is RE2 syntax
 * (compiled with re2j, linear time). If it has capturing groups, the first group that matched is
 * the secret value (that is what gets fingerprinted); otherwise the whole match is.
 *
 * @param recommendation may be null: the generic "move it to a secret store" advice is used
 * @param severity       may be null: {@link Severity#HIGH}
 */
public record SecretRule(String id, String regex, String description, String recommendation, Severity severity) {

    public SecretRule(String id, String regex, String description, String recommendation) {
        this(id, regex, description, recommendation, null);
    }
}
