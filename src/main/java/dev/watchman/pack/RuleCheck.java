package dev.watchman.pack;

import java.util.List;

/**
 * How one {@link RuleType} is checked: one implementation per type, chosen by {@link #of}.
 *
 * <p>The glob semantics are shared (see {@link PackEvaluator}): {@code paths} is the one path a
 * rule names, or every host path its glob matched (possibly none). Required checks pass if any
 * path satisfies them; every other check must hold for each path, so no match is vacuously
 * satisfied. An exact path that does not exist fails every check but the *_forbidden ones.
 */
interface RuleCheck {

    /** What the rule wants, as {@link Mismatch#expected()} words it. */
    String expected(PackRule rule, PackTarget host);

    /**
     * Adds a {@link Mismatch} to {@code out} for each way the host differs.
     *
     * @param exact true if {@code paths} is the rule's own path (not a glob's matches); only then
     *              may facts recorded in the graph stand in for the disk
     */
    void check(PackRule rule, List<String> paths, boolean exact, PackTarget host, List<Mismatch> out);

    /** The check for a rule type. */
    static RuleCheck of(RuleType type) {
        return switch (type) {
            case FILE_REQUIRED -> FileRequiredCheck.INSTANCE;
            case FILE_FORBIDDEN -> FileForbiddenCheck.INSTANCE;
            case SHA256 -> Sha256Check.INSTANCE;
            case MODE -> ModeCheck.INSTANCE;
            case MAX_PERMISSIONS -> MaxPermissionsCheck.INSTANCE;
            case OWNER -> OwnerCheck.INSTANCE;
            case LINE_REQUIRED -> LineRequiredCheck.INSTANCE;
            case LINE_FORBIDDEN -> LineForbiddenCheck.INSTANCE;
            case REGEX_REQUIRED -> RegexRequiredCheck.INSTANCE;
            case REGEX_FORBIDDEN -> RegexForbiddenCheck.INSTANCE;
            case TREE -> TreeCheck.INSTANCE;
        };
    }
}
