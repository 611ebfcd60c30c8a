package io.lakehouse.cli.render;

import io.lakehouse.runtime.StackEvent;
import io.lakehouse.runtime.StackEvent.Phase;
import io.lakehouse.runtime.StackListener;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Live progress of {@code up} and {@code down}. On a terminal: one line per service, redrawn in place with the time
 * each has taken. Elsewhere (CI, pipes): one line per change of phase, plus a reminder every 15 s while waiting.
 */
public final class ProgressDisplay implements StackListener, AutoCloseable {
    private static final long REMIND_EVERY_MS = 15_000;

    private final PrintWriter out;
    private final boolean live;
    private final int width;
    private final long started = System.currentTimeMillis();
    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final ScheduledExecutorService ticker;
    private int drawnLines;

    private static final class Row {
        Phase phase;
        String detail = "";
        final long since = System.currentTimeMillis();
        long lastPrinted;
        long finishedAt;
    }

    public ProgressDisplay(PrintWriter out, List<String> services, boolean live) {
        this.out = out;
        this.live = live;
        this.width = terminalWidth();
        services.forEach(s -> rows.put(s, new Row()));
        if (live) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "lakehouse-progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::redraw, 500, 500, TimeUnit.MILLISECONDS);
        } else {
            ticker = null;
        }
    }

    /** The variable the host's CLI sets for the toolbox's when the host's output is a terminal (no TTY there). */
    public static final String TERMINAL_VARIABLE = "LAKEHOUSE_TERMINAL";

    public static boolean isTerminal() {
        return "1".equals(System.getenv(TERMINAL_VARIABLE))
                || (System.console() != null && !"dumb".equals(System.getenv("TERM")));
    }

    @Override
    public synchronized void on(StackEvent event) {
        Row row = rows.computeIfAbsent(event.service(), s -> new Row());
        boolean changed = row.phase != event.phase();
        row.phase = event.phase();
        row.detail = event.detail();
        if (event.phase().terminal() && row.finishedAt == 0) {
            row.finishedAt = System.currentTimeMillis();
        }
        if (live) {
            redraw();
            return;
        }
        long now = System.currentTimeMillis();
        if (changed || now - row.lastPrinted >= REMIND_EVERY_MS) {
            row.lastPrinted = now;
            out.printf("[%5.1fs] %-15s %s%s%n", (now - started) / 1000.0, event.service(), event.phase().label(),
                    event.detail().isEmpty() ? "" : ": " + fit(event.detail(), width - 45));
            out.flush();
        }
    }

    private synchronized void redraw() {
        StringBuilder frame = new StringBuilder();
        if (drawnLines > 0) {
            frame.append("\033[").append(drawnLines).append("F");
        }
        long now = System.currentTimeMillis();
        for (Map.Entry<String, Row> entry : rows.entrySet()) {
            Row row = entry.getValue();
            String phase = row.phase == null ? "queued" : row.phase.label();
            long end = row.finishedAt > 0 ? row.finishedAt : now;
            String line = String.format("  %s %-15s %-22s %5.1fs  %s", symbol(row.phase), entry.getKey(), phase,
                    (end - row.since) / 1000.0, row.detail);
            frame.append("\033[2K").append(fit(line, width - 1)).append('\n');
        }
        drawnLines = rows.size();
        out.print(frame);
        out.flush();
    }

    private static String symbol(Phase phase) {
        if (phase == null) {
            return "·";
        }
        return switch (phase) {
            case HEALTHY, ALREADY_RUNNING, STOPPED -> "✔";
            case FAILED -> "✘";
            case SKIPPED -> "-";
            default -> "…";
        };
    }

    private static String fit(String text, int max) {
        String flat = text.replace('\n', ' ');
        return max > 3 && flat.length() > max ? flat.substring(0, max - 1) + "…" : flat;
    }

    public static int terminalWidth() {
        try {
            return Math.max(60, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "120")));
        } catch (NumberFormatException e) {
            return 120;
        }
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            redraw();
        }
    }
}
