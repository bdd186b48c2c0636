package dev.saeexplorer.core.compute;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Gelu} a vector at a time, in float; loaded by {@link Gelu}. The exp is written out (Cephes' expf: e^v =
 * 2ⁿ·e^r with |r| ≤ ln2/2 and a degree-6 polynomial, within 2 ulp) rather than taken from
 * {@code lanewise(EXP)}: the JDK's vector exp rounds differently before and after the JIT compiles it, so the same
 * activations came out a unit in the last place apart depending on when a batch ran, and exact ties between contexts
 * (the same first token) broke differently from run to run. Adds, multiplies and bit operations round the same way
 * everywhere.
 */
final class VectorGelu implements Gelu.Rows {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** 1.5·2²³: adding it rounds to an integer held in the low mantissa bits. */
    private static final float ROUNDER = 12582912f;
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    /** Above this e^v overflows float; below the low clamp it is under the smallest normal float, i.e. 1 + e^v = 1. */
    private static final float HIGH = 88.3f;
    private static final float LOW = -87.3f;

    @Override
    public void applyInPlace(float[] row) {
        int j = 0;
        for (int end = S.loopBound(row.length); j < end; j += S.length()) {
            FloatVector x = FloatVector.fromArray(S, row, j);
            // −2u = −2·C·(x + 0.044715·x³); e^{−2u} overflowing to ∞ gives −0 for very negative x, as it should
            FloatVector minusTwoU = x.mul(x).mul(x).mul(0.044715f).add(x).mul(-2f * Gelu.C);
            x.div(exp(minusTwoU).add(1f)).intoArray(row, j);
        }
        for (; j < row.length; j++) {
            row[j] = Gelu.geluNew(row[j]);
        }
    }

    /** e^v lane by lane: ∞ above {@link #HIGH} (e^88.3 ≈ 2·10³⁸, where gelu is −0 either way), NaN for NaN. */
    static FloatVector exp(FloatVector v) {
        VectorMask<Float> overflow = v.compare(VectorOperators.GT, HIGH);
        FloatVector c = v.min(HIGH).max(LOW);
        FloatVector shifted = c.mul(LOG2E).add(ROUNDER);
        FloatVector n = shifted.sub(ROUNDER);
        FloatVector r = c.sub(n.mul(LN2_HI)).sub(n.mul(LN2_LO));
        FloatVector p = r.mul(1.9875691500e-4f).add(1.3981999507e-3f)
                .mul(r).add(8.3334519073e-3f)
                .mul(r).add(4.1665795894e-2f)
                .mul(r).add(1.6666665459e-1f)
                .mul(r).add(5.0000001201e-1f)
                .mul(r.mul(r)).add(r).add(1f);
        IntVector k = ((IntVector) shifted.reinterpretAsInts()).sub(ROUNDER_BITS);
        FloatVector twoToN = (FloatVector) k.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(twoToN).blend(Float.POSITIVE_INFINITY, overflow);
    }
}
