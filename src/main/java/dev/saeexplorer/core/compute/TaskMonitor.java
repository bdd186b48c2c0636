package dev.saeexplorer.core.compute;

/** The progress callback and the cancel/pause token a long operation receives together. */
public record TaskMonitor(Progress progress, CancellationToken cancellation) {
    public static TaskMonitor none() {
        return new TaskMonitor(Progress.NONE, CancellationToken.none());
    }

    public void report(double fraction, String message) {
        progress.update(fraction, message);
    }

    /** Throws {@link CancelledException} when cancelled; for points where pausing makes no sense (a file being read). */
    public void checkCancelled() {
        cancellation.throwIfCancelled();
    }

    /**
     * Between two steps of an iterative operation: holds while paused, then throws when cancelled.
     *
     * @return nanoseconds spent paused
     */
    public long betweenSteps() {
        return cancellation.betweenSteps();
    }

    /** Whether a pause has been asked for (the operation may not have reached its next step boundary yet). */
    public boolean pauseRequested() {
        return cancellation.isPaused();
    }
}
