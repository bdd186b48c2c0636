package dev.saeexplorer.core.compute;

/** The progress callback and cancellation token a long operation receives together. */
public record TaskMonitor(Progress progress, CancellationToken cancellation) {
    public static TaskMonitor none() {
        return new TaskMonitor(Progress.NONE, CancellationToken.none());
    }

    public void report(double fraction, String message) {
        progress.update(fraction, message);
    }

    public void checkCancelled() {
        cancellation.throwIfCancelled();
    }
}
