package dev.watchman.pack;

/** {@code mode}: permission bits exactly as given. */
final class ModeCheck extends MetadataCheck {
    static final ModeCheck INSTANCE = new ModeCheck();

    @Override
    public String expected(PackRule rule, PackTarget host) {
        return "mode " + PackTarget.octal(rule.mode());
    }

    @Override
    String violation(PackRule rule, PackTarget.Facts f, PackTarget host) {
        return f.mode() != rule.mode().intValue() ? "mode " + PackTarget.octal(f.mode()) : null;
    }
}
