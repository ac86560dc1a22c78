package dev.stylefleet.cli;

import java.io.PrintWriter;

/**
 * A one-line text progress bar on stderr, redrawn with a carriage return. Off when the output is for a
 * script ({@code --json}) or nobody watches (no console), so that logs never fill with redraws.
 */
final class ProgressBar {
    static final int WIDTH = 28;

    private final PrintWriter err;
    private final boolean enabled;
    private int lastLength;

    ProgressBar(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    static ProgressBar forCommand(PrintWriter err, boolean json) {
        return new ProgressBar(err, !json && System.console() != null);
    }

    boolean enabled() {
        return enabled;
    }

    /** @param fraction 0..1, or negative when unknown (the bar is then left empty) */
    void show(String label, double fraction, String detail) {
        if (!enabled) {
            return;
        }
        String line = label + " " + bar(fraction) + (fraction >= 0 ? String.format(" %3d%%", Math.round(fraction * 100)) : "")
                + (detail == null || detail.isEmpty() ? "" : " " + detail);
        // Pad over what the previous, possibly longer, line left behind.
        String padded = line.length() < lastLength ? line + " ".repeat(lastLength - line.length()) : line;
        lastLength = line.length();
        err.print("\r" + padded);
        err.flush();
    }

    /** Ends the bar's line so that what follows starts on a fresh one. */
    void done() {
        if (enabled && lastLength > 0) {
            err.println();
            err.flush();
            lastLength = 0;
        }
    }

    static String bar(double fraction) {
        int filled = fraction < 0 ? 0 : (int) Math.round(Math.min(1, fraction) * WIDTH);
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "]";
    }
}
