package dev.saeexplorer.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.compute.CancellationToken;
import dev.saeexplorer.core.compute.CancelledException;
import dev.saeexplorer.core.compute.TaskMonitor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class DecoderMatchTest {
    @Test
    void eachFeatureFindsItsClosestDirectionByHand() {
        // A rows: (1,0), (0,2), (1,1), (0,0). B rows: (3,0), (−1,1), (0,0).
        // cos: (1,0)·B = [1, −1/√2, –] → B0 at 1; (0,1) → [0, 1/√2] → B1 at 1/√2;
        // (1,1)/√2 → [1/√2, 0] → B0 at 1/√2; the zero row has no partner.
        DecoderMatch m = DecoderMatch.best(
                Nd4j.createFromArray(new float[][] {{1, 0}, {0, 2}, {1, 1}, {0, 0}}),
                Nd4j.createFromArray(new float[][] {{3, 0}, {-1, 1}, {0, 0}}), TaskMonitor.none());
        assertArrayEquals(new int[] {0, 1, 0, -1}, m.partner());
        double r = Math.sqrt(0.5);
        assertEquals(1, m.cosineOf(0), 1e-12);
        assertEquals(r, m.cosineOf(1), 1e-12);
        assertEquals(r, m.cosineOf(2), 1e-12);
        assertTrue(Double.isNaN(m.cosineOf(3)));
        assertEquals(1, m.countAtLeast(0.9));
        assertEquals(3, m.countAtLeast(0.7));
    }

    @Test
    void anOppositeDirectionIsNotAMatch() {
        DecoderMatch m = DecoderMatch.best(Nd4j.createFromArray(new float[][] {{1, 0}}),
                Nd4j.createFromArray(new float[][] {{-1, 0}, {0, 1}}), TaskMonitor.none());
        assertEquals(1, m.partnerOf(0));
        assertEquals(0, m.cosineOf(0), 1e-12);
    }

    @Test
    void differentWidthsAreRefusedAndCancellationStops() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DecoderMatch.best(
                Nd4j.zeros(2, 3), Nd4j.zeros(2, 4), TaskMonitor.none()));
        assertTrue(e.getMessage().contains("same d_in"), e.getMessage());
        CancellationToken token = new CancellationToken();
        token.cancel();
        assertThrows(CancelledException.class, () -> DecoderMatch.best(Nd4j.ones(3, 2), Nd4j.ones(3, 2),
                new TaskMonitor((f, s) -> { }, token)));
    }
}
