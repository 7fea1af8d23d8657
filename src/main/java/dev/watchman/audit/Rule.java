package dev.watchman.audit;

import dev.watchman.Severity;
import java.util.List;

/**
 * One secret rule as the scanner runs it: metadata, lower-case keywords that must occur on a line
 * before the detector looks at it (empty = every line), and the detector.
 */
record Rule(String id, String description, String recommendation, Severity severity, boolean builtin,
            List<String> keywords, Detector detector) {

    /** A secret value found on a line. Lives only inside one scan; never leaves the scanner. */
    record Hit(int line, int start, int end, int lastLine, String value, Severity severityOverride) {
        Hit(int line, int start, int end, String value) {
            this(line, start, end, line, value, null);
        }

        /** Never print the value, even while debugging. */
        @Override
        public String toString() {
            return "Hit[line=" + line + ", start=" + start + ", end=" + end + "]";
        }
    }

    @FunctionalInterface
    interface Detector {
        void detect(Lines text, int line, List<Hit> out);
    }
}
