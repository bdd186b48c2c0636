package dev.saeexplorer.cli;

import dev.saeexplorer.core.compute.Progress;
import java.io.PrintWriter;

/** A one-line progress bar redrawn on stderr at most ten times a second, shown only after the first second. */
final class StderrProgressBar implements Progress {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final long start = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    StderrProgressBar(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void update(double fraction, String message) {
        long now = System.nanoTime();
        boolean finished = fraction >= 1.0;
        if (now - start < 1_000_000_000L && !drawn || (!finished && now - lastDraw < 100_000_000L)) {
            return;
        }
        lastDraw = now;
        drawn = true;
        int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * WIDTH);
        String line = String.format("\r[%s%s] %3.0f%% %s", "#".repeat(filled), " ".repeat(WIDTH - filled), fraction * 100,
                message.length() > 60 ? message.substring(0, 60) : message);
        err.print(line + " ".repeat(Math.max(0, 100 - line.length())));
        if (finished) {
            err.println();
        }
        err.flush();
    }
}
