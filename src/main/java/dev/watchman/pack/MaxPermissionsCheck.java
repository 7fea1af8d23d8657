package dev.watchman.pack;

/** {@code max_permissions}: no permission bit beyond those given. */
final class MaxPermissionsCheck extends MetadataCheck {
    static final MaxPermissionsCheck INSTANCE = new MaxPermissionsCheck();

    @Override
    public String expected(PackRule rule, PackTarget host) {
        return "mode " + PackTarget.octal(rule.maxMode()) + " or stricter";
    }

    @Override
    String violation(PackRule rule, PackTarget.Facts f, PackTarget host) {
        return (f.mode() & ~rule.maxMode()) != 0 ? "mode " + PackTarget.octal(f.mode()) : null;
    }
}
