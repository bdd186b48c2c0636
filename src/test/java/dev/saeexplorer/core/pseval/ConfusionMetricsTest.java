package dev.saeexplorer.core.pseval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ConfusionMetricsTest {
    private static final double EPS = 1e-12;

    @Test
    void ordinaryCounts() {
        // TP 6, FN 2, FP 3, TN 9 (all 20)
        ConfusionMetrics m = new ConfusionCounts(6, 2, 3, 9).metrics();
        assertEquals(15.0 / 20, m.accuracy(), EPS);
        assertEquals(6.0 / 8, m.recall(), EPS);
        assertEquals(6.0 / 9, m.precision(), EPS);
        assertEquals(12.0 / 17, m.f1(), EPS); // 2·(3/4)(2/3)/(3/4+2/3) = 1/(17/12)
        assertEquals(9.0 / 12, m.specificity(), EPS);
        assertEquals(9.0 / 11, m.sensitivity(), EPS);
        assertEquals(54.0 / 69, m.dF1(), EPS); // 2·(3/4)(9/11)/(3/4+9/11) = (27/22)/(69/44)
        assertEquals((12.0 / 17 + 54.0 / 69) / 2, m.averageF1(), EPS);
    }

    @Test
    void paperLikeCounts() {
        // TP 94, FN 6, FP 62, TN 38: recall 0.94, specificity 0.38
        ConfusionMetrics m = ConfusionMetrics.from(94, 6, 62, 38);
        assertEquals(0.66, m.accuracy(), EPS);
        assertEquals(0.94, m.recall(), EPS);
        assertEquals(94.0 / 156, m.precision(), EPS);
        assertEquals(0.38, m.specificity(), EPS);
        assertEquals(38.0 / 44, m.sensitivity(), EPS);
    }

    @Test
    void noSamePredictionsGiveNullPrecisionAndF1() {
        // TP 0, FN 4, FP 0, TN 5
        ConfusionMetrics m = ConfusionMetrics.from(0, 4, 0, 5);
        assertEquals(5.0 / 9, m.accuracy(), EPS);
        assertEquals(0.0, m.recall(), EPS);
        assertNull(m.precision());
        assertNull(m.f1());
        assertEquals(1.0, m.specificity(), EPS);
        assertEquals(5.0 / 9, m.sensitivity(), EPS);
        assertEquals(2 * (5.0 / 9) / (1 + 5.0 / 9), m.dF1(), EPS);
        assertNull(m.averageF1());
    }

    @Test
    void recallAndPrecisionBothZeroGiveNullF1() {
        // TP 0, FN 3, FP 2, TN 0
        ConfusionMetrics m = ConfusionMetrics.from(0, 3, 2, 0);
        assertEquals(0.0, m.accuracy(), EPS);
        assertEquals(0.0, m.recall(), EPS);
        assertEquals(0.0, m.precision(), EPS);
        assertNull(m.f1());
        assertEquals(0.0, m.specificity(), EPS);
        assertEquals(0.0, m.sensitivity(), EPS);
        assertNull(m.dF1());
        assertNull(m.averageF1());
    }

    @Test
    void onlyOneLabel() {
        // only label-1 pairs: TP 3, FN 1
        ConfusionMetrics m = ConfusionMetrics.from(3, 1, 0, 0);
        assertEquals(0.75, m.accuracy(), EPS);
        assertEquals(0.75, m.recall(), EPS);
        assertEquals(1.0, m.precision(), EPS);
        assertEquals(6.0 / 7, m.f1(), EPS);
        assertNull(m.specificity());
        assertEquals(0.0, m.sensitivity(), EPS);
        assertNull(m.dF1());
        assertNull(m.averageF1());
    }

    @Test
    void allZeroCounts() {
        ConfusionMetrics m = ConfusionMetrics.from(0, 0, 0, 0);
        assertNull(m.accuracy());
        assertNull(m.recall());
        assertNull(m.precision());
        assertNull(m.f1());
        assertNull(m.specificity());
        assertNull(m.sensitivity());
        assertNull(m.dF1());
        assertNull(m.averageF1());
    }

    @Test
    void perfect() {
        ConfusionMetrics m = ConfusionMetrics.from(5, 0, 0, 5);
        assertEquals(1.0, m.accuracy(), EPS);
        assertEquals(1.0, m.f1(), EPS);
        assertEquals(1.0, m.dF1(), EPS);
        assertEquals(1.0, m.averageF1(), EPS);
    }

    @Test
    void badCounts() {
        assertThrows(IllegalArgumentException.class, () -> ConfusionMetrics.from(-1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> ConfusionMetrics.from(Double.NaN, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ConfusionCounts(0, 0, -1, 0));
    }
}
