package nnlab.grader.course;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The batch's progress on standard error: a bar redrawn in place with done/total, percentage and ETA on a terminal,
 * one plain line per finished submission otherwise (logs, CI).
 */
final class Progress {

    private static final int WIDTH = 30;

    private final PrintStream err;
    private final boolean tty;
    private final int total;
    private final long start = System.nanoTime();
    private int done;

    Progress(PrintStream err, boolean tty, int total) {
        this.err = err;
        this.tty = tty;
        this.total = total;
    }

    /** Records that {@code name} finished with {@code status} and {@code score} after {@code seconds}. */
    synchronized void finished(String name, String status, double score, double seconds) {
        done++;
        double elapsed = (System.nanoTime() - start) / 1e9;
        String eta = done == total ? "done" : "ETA " + duration(elapsed / done * (total - done));
        if (tty) {
            int filled = total == 0 ? WIDTH : done * WIDTH / total;
            err.printf(Locale.ROOT, "\r[%s%s] %d/%d %3.0f%% %s  last: %s %s %.2f (%.1f s)\u001b[K", "#".repeat(filled),
                    " ".repeat(WIDTH - filled), done, total, 100.0 * done / total, eta, name, status, score, seconds);
            if (done == total) {
                err.println();
            }
        } else {
            err.printf(Locale.ROOT, "[%d/%d] %s %s %.2f (%.1f s) %s%n", done, total, name, status, score, seconds, eta);
        }
        err.flush();
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
