package dev.saeexplorer.core.superposition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.InvalidInputException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** x_i = 0 with probability S, otherwise Uniform(0, 1], i.i.d. (design/MATH.md). */
class SparseSamplerTest {

    @Test
    void sameSeedGivesTheSameDraws() {
        SparseSampler a = new SparseSampler(17, 0.6, 123);
        SparseSampler b = new SparseSampler(17, 0.6, 123);
        SparseSampler c = new SparseSampler(17, 0.6, 124);
        boolean differs = false;
        for (int i = 0; i < 200; i++) {
            double[] xa = a.next();
            assertArrayEquals(xa, b.next());
            differs |= !Arrays.equals(xa, c.next());
        }
        assertTrue(differs);
    }

    @Test
    void batchFillMatchesSuccessiveDrawsForTheSameSeed() {
        int n = 9;
        int rows = 50;
        SparseSampler a = new SparseSampler(n, 0.7, 5);
        SparseSampler b = new SparseSampler(n, 0.7, 5);
        float[] batch = new float[rows * n];
        Arrays.fill(batch, 42f); // fill must overwrite stale values
        a.fill(batch, rows);
        for (int r = 0; r < rows; r++) {
            double[] x = b.next();
            for (int i = 0; i < n; i++) {
                assertEquals((float) x[i], batch[r * n + i], 0f);
            }
        }
    }

    @Test
    void activeValuesLieInTheHalfOpenUnitInterval() {
        SparseSampler s = new SparseSampler(10, 0.0, 9);
        for (int k = 0; k < 20_000; k++) {
            for (double v : s.next()) {
                assertTrue(v > 0 && v <= 1, "value " + v);
            }
        }
    }

    @Test
    void fractionOfZerosMatchesSparsityWithinFourStandardErrors() {
        int n = 13;
        int samples = 40_000;
        for (double sparsity : new double[] {0.0, 0.3, 0.9, 0.99}) {
            SparseSampler s = new SparseSampler(n, sparsity, 1000 + (long) (sparsity * 100));
            long zeros = 0;
            long[] zerosPerFeature = new long[n];
            for (int k = 0; k < samples; k++) {
                double[] x = s.next();
                assertEquals(n, x.length);
                for (int i = 0; i < n; i++) {
                    if (x[i] == 0) {
                        zeros++;
                        zerosPerFeature[i]++;
                    }
                }
            }
            long total = (long) n * samples;
            double fraction = (double) zeros / total;
            double se = Math.sqrt(sparsity * (1 - sparsity) / total);
            if (sparsity == 0.0) {
                assertEquals(0, zeros, "S = 0 gives no zeros");
            } else {
                assertEquals(sparsity, fraction, 4 * se, "S = " + sparsity);
                // Every coordinate, not only the total (the last coordinates are not favoured or starved).
                double seOne = Math.sqrt(sparsity * (1 - sparsity) / samples);
                for (int i = 0; i < n; i++) {
                    assertEquals(sparsity, (double) zerosPerFeature[i] / samples, 5 * seOne,
                            "S = " + sparsity + ", feature " + i);
                }
            }
        }
    }

    @Test
    void coordinatesAreIndependent() {
        // P(x_0 > 0 and x_1 > 0) = (1 − S)², P(x_3 > 0 and x_4 > 0) likewise (neighbours share a geometric gap draw).
        double sparsity = 0.6;
        int samples = 100_000;
        SparseSampler s = new SparseSampler(6, sparsity, 31);
        long both01 = 0;
        long both34 = 0;
        for (int k = 0; k < samples; k++) {
            double[] x = s.next();
            if (x[0] > 0 && x[1] > 0) {
                both01++;
            }
            if (x[3] > 0 && x[4] > 0) {
                both34++;
            }
        }
        double p = (1 - sparsity) * (1 - sparsity);
        double se = Math.sqrt(p * (1 - p) / samples);
        assertEquals(p, (double) both01 / samples, 4 * se);
        assertEquals(p, (double) both34 / samples, 4 * se);
    }

    @Test
    void sparsityOneGivesAllZeros() {
        SparseSampler s = new SparseSampler(20, 1.0, 3);
        for (int k = 0; k < 1_000; k++) {
            for (double v : s.next()) {
                assertEquals(0.0, v);
            }
        }
    }

    @Test
    void meanOfActiveValuesIsOneHalf() {
        for (double sparsity : new double[] {0.0, 0.8}) {
            SparseSampler s = new SparseSampler(11, sparsity, 77);
            double sum = 0;
            double sumSq = 0;
            long count = 0;
            for (int k = 0; k < 30_000; k++) {
                for (double v : s.next()) {
                    if (v > 0) {
                        sum += v;
                        sumSq += v * v;
                        count++;
                    }
                }
            }
            double se = Math.sqrt(1.0 / 12 / count);
            assertEquals(0.5, sum / count, 4 * se, "S = " + sparsity);
            // Second moment of Uniform(0, 1] is 1/3 (SE of v² is sqrt(1/5 − 1/9)/sqrt(N)).
            assertEquals(1.0 / 3, sumSq / count, 4 * Math.sqrt((1.0 / 5 - 1.0 / 9) / count), "S = " + sparsity);
        }
    }

    @Test
    void invalidSparsityIsRejected() {
        for (double bad : new double[] {Double.NaN, -0.1, 1.1, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> new SparseSampler(5, bad, 1),
                    "sparsity " + bad);
            assertTrue(e.getMessage().contains("sparsity"), e.getMessage());
            assertThrows(InvalidInputException.class, () -> SparseSampler.checkSparsity(bad));
        }
        assertEquals(0.0, SparseSampler.checkSparsity(0.0));
        assertEquals(1.0, SparseSampler.checkSparsity(1.0));
    }

    @Test
    void fewerThanOneFeatureIsRejected() {
        assertThrows(InvalidInputException.class, () -> new SparseSampler(0, 0.5, 1));
        assertThrows(InvalidInputException.class, () -> new SparseSampler(-3, 0.5, 1));
        assertEquals(1, new SparseSampler(1, 0.5, 1).next().length);
    }

    @Test
    void nextActiveReportsAscendingIndicesThatAgreeWithTheDenseDraw() {
        SparseSampler a = new SparseSampler(25, 0.8, 11);
        SparseSampler b = new SparseSampler(25, 0.8, 11);
        int[] idx = new int[25];
        double[] val = new double[25];
        for (int k = 0; k < 500; k++) {
            int count = a.nextActive(idx, val);
            double[] x = b.next();
            double[] rebuilt = new double[25];
            for (int j = 0; j < count; j++) {
                if (j > 0) {
                    assertTrue(idx[j] > idx[j - 1]);
                }
                rebuilt[idx[j]] = val[j];
            }
            assertArrayEquals(x, rebuilt);
            long active = Arrays.stream(x).filter(v -> v > 0).count();
            assertEquals(active, count);
            assertFalse(count > 25);
        }
    }
}
