package dev.saeexplorer.core.pseval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RandomBaselineTest {
    private static final double EPS = 1e-12;

    @Test
    void dSaeTwo() {
        // p = 1/2: expected TP 5, FN 5, FP 5, TN 5
        ConfusionMetrics m = RandomBaseline.expected(2, 10, 10);
        assertEquals(5, m.tp(), EPS);
        assertEquals(5, m.fn(), EPS);
        assertEquals(5, m.fp(), EPS);
        assertEquals(5, m.tn(), EPS);
        assertEquals(0.5, m.accuracy(), EPS);
        assertEquals(0.5, m.recall(), EPS);
        assertEquals(0.5, m.precision(), EPS);
        assertEquals(0.5, m.f1(), EPS);
        assertEquals(0.5, m.specificity(), EPS);
        assertEquals(0.5, m.sensitivity(), EPS);
        assertEquals(0.5, m.dF1(), EPS);
        assertEquals(0.5, m.averageF1(), EPS);
    }

    @Test
    void dSaeFourUnbalanced() {
        // p = 1/4, 8 same and 4 different pairs: TP 2, FN 6, FP 1, TN 3
        ConfusionMetrics m = RandomBaseline.expected(4, 8, 4);
        assertEquals(2, m.tp(), EPS);
        assertEquals(6, m.fn(), EPS);
        assertEquals(1, m.fp(), EPS);
        assertEquals(3, m.tn(), EPS);
        assertEquals(5.0 / 12, m.accuracy(), EPS);
        assertEquals(0.25, m.recall(), EPS);
        assertEquals(2.0 / 3, m.precision(), EPS);
        assertEquals(4.0 / 11, m.f1(), EPS);
        assertEquals(0.75, m.specificity(), EPS);
        assertEquals(1.0 / 3, m.sensitivity(), EPS);
        assertEquals(6.0 / 13, m.dF1(), EPS);
        assertEquals(59.0 / 143, m.averageF1(), EPS);
    }

    @Test
    void dSaeFourBalancedAndEdgeCases() {
        // p = 1/4, 4 and 4: TP 1, FN 3, FP 1, TN 3
        ConfusionMetrics m = RandomBaseline.expected(4, 4, 4);
        assertEquals(0.5, m.accuracy(), EPS);
        assertEquals(0.25, m.recall(), EPS);
        assertEquals(0.5, m.precision(), EPS);
        assertEquals(0.75, m.specificity(), EPS);
        assertEquals(0.5, m.sensitivity(), EPS);
        // d_sae = 1: every pair "same"
        ConfusionMetrics one = RandomBaseline.expected(1, 3, 2);
        assertEquals(1.0, one.recall(), EPS);
        assertEquals(0.0, one.specificity(), EPS);
        assertEquals(0.0, one.tn(), EPS);
        assertThrows(IllegalArgumentException.class, () -> RandomBaseline.expected(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> RandomBaseline.expected(4, -1, 1));
    }
}
