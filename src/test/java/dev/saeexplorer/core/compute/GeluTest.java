package dev.saeexplorer.core.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** gelu_new, scalar and vector, against the published tanh formula in float64, from tiny to overflowing inputs. */
class GeluTest {
    private static double reference(double x) {
        return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
    }

    /** Inputs across the whole range, with lengths that leave a scalar tail after the vectors. */
    private static float[] inputs() {
        float[] xs = new float[8803];
        for (int i = 0; i < xs.length - 11; i++) {
            xs[i] = (float) (-40 + 80.0 * i / (xs.length - 12));
        }
        float[] extremes = {0f, -0f, 1e-8f, -1e-8f, 1e-30f, 500f, -500f, 3e38f, -3e38f, -9.5f, 7.25f};
        System.arraycopy(extremes, 0, xs, xs.length - 11, 11);
        return xs;
    }

    private static void checkRow(float[] xs, float[] ys, String which) {
        for (int i = 0; i < xs.length; i++) {
            double want = reference(xs[i]);
            // relative to the value, plus the reference's own cancellation in 1 + tanh(u) for negative x (about
            // |x|·2⁻⁵³ in float64, where the exp form keeps values like −1e−30 that the formula rounds to −0)
            assertEquals(want, ys[i], 4e-6 * Math.abs(want) + 1e-15 * Math.abs(xs[i]) + 1e-38, which + " at x = "
                    + xs[i]);
        }
    }

    @Test
    void scalarMatchesTheFormula() {
        float[] xs = inputs();
        float[] ys = xs.clone();
        Gelu.scalarInPlace(ys);
        checkRow(xs, ys, "scalar");
    }

    @Test
    void vectorMatchesTheFormula() {
        Gelu.Rows v = Gelu.vector();
        assertNotNull(v, "surefire starts the JVM with --add-modules jdk.incubator.vector");
        float[] xs = inputs();
        float[] ys = xs.clone();
        v.applyInPlace(ys);
        checkRow(xs, ys, "vector");
        float[] nan = {Float.NaN, Float.NaN, Float.NaN, Float.NaN, Float.NaN, Float.NaN, Float.NaN, Float.NaN, 1f};
        v.applyInPlace(nan);
        assertTrue(Float.isNaN(nan[0]) && Float.isNaN(nan[7]), "NaN stays NaN");
    }

    /** The vector exp against Math.exp across float's range, and its edges: overflow to ∞, underflow, NaN. */
    @Test
    void vectorExpIsWithinTwoUlp() {
        jdk.incubator.vector.VectorSpecies<Float> s = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED;
        float[] v = new float[s.length()];
        for (double at = -87; at < 88.25; at += 0.0123) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (at + i * 0.001);
            }
            float[] e = VectorGelu.exp(jdk.incubator.vector.FloatVector.fromArray(s, v, 0)).toArray();
            for (int i = 0; i < v.length; i++) {
                float want = (float) Math.exp(v[i]);
                assertEquals(want, e[i], 2 * Math.ulp(want), "e^" + v[i]);
            }
        }
        java.util.Arrays.fill(v, 89f);
        v[0] = Float.NaN;
        v[1] = Float.NEGATIVE_INFINITY;
        v[2] = -200f;
        v[3] = Float.POSITIVE_INFINITY;
        float[] e = VectorGelu.exp(jdk.incubator.vector.FloatVector.fromArray(s, v, 0)).toArray();
        assertTrue(Float.isNaN(e[0]));
        assertTrue(e[1] >= 0 && e[1] < 1e-37f && e[2] >= 0 && e[2] < 1e-37f, "underflow to (almost) 0");
        assertEquals(Float.POSITIVE_INFINITY, e[3]);
        assertEquals(Float.POSITIVE_INFINITY, e[v.length - 1]);
    }

    @Test
    void knownPoints() {
        assertEquals(0f, Gelu.geluNew(0f));
        assertEquals(0.841192f, Gelu.geluNew(1f), 1e-6f); // 0.5·(1 + tanh(√(2/π)·1.044715))
        assertEquals(-0.158808f, Gelu.geluNew(-1f), 1e-6f);
        assertEquals(10f, Gelu.geluNew(10f), 1e-6f);
        assertEquals(0f, Gelu.geluNew(-10f), 1e-6f);
    }
}
