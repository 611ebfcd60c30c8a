package io.lakehouse.cli.render;

import java.io.PrintWriter;

/**
 * A long command's progress under its headings: on a terminal one line updated in place; elsewhere (a log, a pipe)
 * a line per change, never the same line twice in a row.
 */
public final class ProgressLine {
    private final PrintWriter err;
    private final boolean terminal;
    private final int width;
    private String last;
    private boolean open;

    public ProgressLine(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
        this.width = ProgressDisplay.terminalWidth();
    }

    /** The current progress, replacing the one before it. */
    public synchronized void update(String message) {
        String line = "  " + message;
        if (line.equals(last)) {
            return;
        }
        last = line;
        if (terminal) {
            err.print("\r\033[K" + (line.length() < width ? line : line.substring(0, width - 1)));
            open = true;
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** A line that stays (a heading, a result): the progress line before it is kept as it last read. */
    public synchronized void println(String line) {
        if (open) {
            err.println();
            open = false;
        }
        last = null;
        err.println(line);
        err.flush();
    }

    /** Ends the progress line in place (on a terminal), so what follows starts on a line of its own. */
    public synchronized void done() {
        if (open) {
            err.println();
            err.flush();
            open = false;
        }
        last = null;
    }
}
