package dev.watchman.snapshot;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * A one-line progress display on stderr: files/s, MB/s and, when the prior scan's size is known,
 * an ETA. {@link Scanner} samples a few times a second; the line is rewritten in place with '\r'
 * and erased when the scan ends, so it never mixes with the command's real output.
 */
public final class Progress implements ProgressListener {

    private final PrintStream out;
    private int lastWidth;

    Progress(PrintStream out) {
        this.out = out;
    }

    /** A display on stderr if stderr is a terminal, else {@link ProgressListener#NONE}. */
    public static ProgressListener onTerminal() {
        return System.console() != null ? new Progress(System.err) : ProgressListener.NONE;
    }

    @Override
    public void update(ScanProgress p) {
        print(format(p));
    }

    @Override
    public void finished(ScanProgress last) {
        print("");
    }

    private void print(String line) {
        int pad = Math.max(0, lastWidth - line.length());
        out.print("\r" + line + " ".repeat(pad) + (line.isEmpty() ? "\r" : ""));
        out.flush();
        lastWidth = line.length();
    }

    static String format(ScanProgress p) {
        double secs = Math.max(1e-3, p.elapsed().toNanos() / 1e9);
        double filesPerSec = p.filesSeen() / secs;
        double mbPerSec = p.bytesHashed() / 1e6 / secs;
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "scanning: %,d entries, %,d hashed, %,.0f files/s, %.1f MB/s",
                p.filesSeen(), p.filesHashed(), filesPerSec, mbPerSec));
        if (p.expectedFiles() > 0 && filesPerSec > 0 && p.filesSeen() < p.expectedFiles()) {
            long eta = (long) Math.ceil((p.expectedFiles() - p.filesSeen()) / filesPerSec);
            Duration d = Duration.ofSeconds(eta);
            sb.append(String.format(Locale.ROOT, ", ETA %d:%02d", d.toMinutes(), d.toSecondsPart()));
        }
        return sb.toString();
    }
}
