package dev.saeexplorer.core.compute;

/** Thrown by a long operation whose {@link CancellationToken} was cancelled; nothing half-done is left behind. */
public final class CancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CancelledException() {
        super("cancelled");
    }
}
