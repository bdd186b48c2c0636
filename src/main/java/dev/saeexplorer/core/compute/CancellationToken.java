package dev.saeexplorer.core.compute;

/**
 * How a person steers a long operation from outside: cancel it, or pause and resume it. The operation calls
 * {@link #betweenSteps} between two of its steps (every training step, not only at snapshots), so both act within one
 * step. The check is two volatile reads when nothing is asked; a paused thread sleeps on this object's monitor and is
 * woken by {@link #resume} or {@link #cancel}, so neither waits for a poll interval.
 */
public final class CancellationToken {
    private volatile boolean cancelled;
    private volatile boolean paused;
    /** Threads currently held in {@link #betweenSteps}, guarded by {@code this}. */
    private int held;

    /** A token that is never cancelled, for callers that have nothing to cancel. */
    public static CancellationToken none() {
        return new CancellationToken();
    }

    public synchronized void cancel() {
        cancelled = true;
        notifyAll();
    }

    public boolean isCancelled() {
        return cancelled;
    }

    public void throwIfCancelled() {
        if (cancelled) {
            throw new CancelledException();
        }
    }

    /** Asks the operation to hold at its next step boundary. */
    public synchronized void pause() {
        paused = true;
    }

    public synchronized void resume() {
        paused = false;
        notifyAll();
    }

    public boolean isPaused() {
        return paused;
    }

    /** How many threads are holding at a step boundary right now (paused and not yet released). */
    public synchronized int heldThreads() {
        return held;
    }

    /**
     * The step boundary: blocks while paused, then throws if cancelled (cancel ends a paused operation too).
     *
     * @return the nanoseconds spent held, so rate meters can leave the pause out
     * @throws CancelledException when the operation was cancelled, before or while holding
     */
    public long betweenSteps() {
        if (!paused) {
            throwIfCancelled();
            return 0;
        }
        long start = System.nanoTime();
        synchronized (this) {
            held++;
            notifyAll();
            try {
                while (paused && !cancelled) {
                    wait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException();
            } finally {
                held--;
                notifyAll();
            }
        }
        throwIfCancelled();
        return System.nanoTime() - start;
    }

    /**
     * Waits until {@code threads} threads hold at a step boundary (a pause asked for later counts too), or the token is
     * cancelled, or the time is up. For a view that wants to say "paused at step N" once the work has really stopped, and for tests that wait on
     * that event (the time limit only keeps a broken run from hanging them).
     *
     * @return whether that many threads are held
     */
    public synchronized boolean awaitHeld(int threads, java.time.Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (held < threads && !cancelled) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return held >= threads;
    }
}
