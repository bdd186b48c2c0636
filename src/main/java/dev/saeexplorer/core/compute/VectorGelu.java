package dev.saeexplorer.core.compute;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link Gelu} a vector at a time, in float (the JDK's vector exp is within an ulp or two); loaded by {@link Gelu}. */
final class VectorGelu implements Gelu.Rows {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    @Override
    public void applyInPlace(float[] row) {
        int j = 0;
        for (int end = S.loopBound(row.length); j < end; j += S.length()) {
            FloatVector x = FloatVector.fromArray(S, row, j);
            // −2u = −2·C·(x + 0.044715·x³); e^{−2u} overflowing to ∞ gives −0 for very negative x, as it should
            FloatVector minusTwoU = x.mul(x).mul(x).mul(0.044715f).add(x).mul(-2f * Gelu.C);
            x.div(minusTwoU.lanewise(VectorOperators.EXP).add(1f)).intoArray(row, j);
        }
        for (; j < row.length; j++) {
            row[j] = Gelu.geluNew(row[j]);
        }
    }
}
