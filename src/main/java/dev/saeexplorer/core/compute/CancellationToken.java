package dev.saeexplorer.core.compute;

import java.util.concurrent.atomic.AtomicBoolean;

/** A flag a long operation polls between steps; cancelling it makes the operation throw {@link CancelledException}. */
public final class CancellationToken {
    private final AtomicBoolean cancelled = new AtomicBoolean();

    /** A token that is never cancelled, for callers that have nothing to cancel. */
    public static CancellationToken none() {
        return new CancellationToken();
    }

    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    public void throwIfCancelled() {
        if (cancelled.get()) {
            throw new CancelledException();
        }
    }
}
