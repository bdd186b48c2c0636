package dev.saeexplorer.core.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class TwoWayTest {
    /** Every index of [0, n) is run exactly once, whatever the piece size, on one thread or two. */
    @Test
    void sharedCoversEveryIndexOnce() {
        for (int n : new int[] {0, 1, 2, 7, 64, 1001}) {
            for (int chunk : new int[] {1, 3, 64, 5000}) {
                for (long work : new long[] {1, TwoWay.MIN_WORK * 4}) {
                    AtomicIntegerArray seen = new AtomicIntegerArray(n);
                    TwoWay.shared(n, chunk, work, (from, to) -> {
                        for (int i = from; i < to; i++) {
                            seen.incrementAndGet(i);
                        }
                    });
                    for (int i = 0; i < n; i++) {
                        assertEquals(1, seen.get(i), "n " + n + " chunk " + chunk + " index " + i);
                    }
                }
            }
        }
    }

    @Test
    void sharedPassesFailuresOnAndRefusesEmptyPieces() {
        assertThrows(IllegalStateException.class, () -> TwoWay.shared(100, 1, TwoWay.MIN_WORK * 4, (from, to) -> {
            if (from == 57) {
                throw new IllegalStateException("piece 57");
            }
        }));
        assertThrows(IllegalArgumentException.class, () -> TwoWay.shared(10, 0, 1, (from, to) -> { }));
    }
}
