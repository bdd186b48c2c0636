package dev.saeexplorer.core.compute;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Splits a loop over [0, n) into two halves, the second on the common pool and the first on the calling thread, when
 * there is enough work to pay for the hand-off (about 10 µs). Two halves because the machines this targets have two
 * cores, and a second thread on the same core gave nothing in measurements.
 */
public final class TwoWay {
    /** Work units (multiply-adds or comparable element operations) below which one thread is faster. */
    static final long MIN_WORK = 1L << 20;
    private static final boolean TWO_CORES = Runtime.getRuntime().availableProcessors() >= 2;

    /** The body of a loop over [from, to). */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    private TwoWay() {
    }

    /**
     * Runs {@code body} over [0, n): in two halves on two threads when {@code work} (for all n) is large, else at once.
     * The halves must touch disjoint data.
     */
    public static void split(int n, long work, Range body) {
        if (!TWO_CORES || n < 2 || work < MIN_WORK) {
            body.run(0, n);
            return;
        }
        int mid = n / 2;
        ForkJoinTask<?> other = ForkJoinPool.commonPool().submit(() -> body.run(mid, n));
        body.run(0, mid);
        other.join();
    }

    /**
     * Like {@link #split}, but both threads take {@code chunk}-sized pieces of [0, n) from a shared counter until none
     * is left, so a thread that the OS or a collection holds back does not leave the other one waiting at the end.
     * The pieces must touch disjoint data.
     */
    public static void shared(int n, int chunk, long work, Range body) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be at least 1, got " + chunk);
        }
        if (!TWO_CORES || n <= chunk || work < MIN_WORK) {
            body.run(0, n);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable drain = () -> {
            for (int from = next.getAndAdd(chunk); from < n; from = next.getAndAdd(chunk)) {
                body.run(from, Math.min(n, from + chunk));
            }
        };
        ForkJoinTask<?> other = ForkJoinPool.commonPool().submit(drain);
        drain.run();
        other.join();
    }
}
