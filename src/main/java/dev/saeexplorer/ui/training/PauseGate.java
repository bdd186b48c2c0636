package dev.saeexplorer.ui.training;

import dev.saeexplorer.core.compute.CancellationToken;
import dev.saeexplorer.core.compute.CancelledException;

/**
 * Pause for a core operation that has no pause hook: the training threads pass through {@link #await} from their
 * progress callback, which the trainer calls at every snapshot (every ~steps/200 steps). So a pause takes effect at
 * the next snapshot, not at once. A paused thread wakes every {@value #POLL_MS} ms to notice cancellation, so cancel
 * still stops a paused run within a second.
 */
final class PauseGate {
    private static final long POLL_MS = 50;
    private boolean paused;

    synchronized void pause() {
        paused = true;
    }

    synchronized void resume() {
        paused = false;
        notifyAll();
    }

    synchronized boolean isPaused() {
        return paused;
    }

    /**
     * Blocks while paused. Returns the nanoseconds spent waiting, so rate meters can leave the pause out.
     *
     * @throws CancelledException when {@code token} is cancelled while waiting
     */
    synchronized long await(CancellationToken token) {
        long start = System.nanoTime();
        while (paused) {
            token.throwIfCancelled();
            try {
                wait(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException();
            }
        }
        token.throwIfCancelled();
        return System.nanoTime() - start;
    }
}
