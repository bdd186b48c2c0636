package dev.saeexplorer.core.metrics;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.compute.TaskMonitor;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * For each feature of SAE A, the feature of SAE B whose decoder direction is closest: the largest cosine between
 * row i of W_dec(A) and any row of W_dec(B) (signed: an opposite direction is not a match). Features are compared
 * many-to-one, unlike {@link LatentMatching}: two A features may share their best B feature. A zero decoder row has no
 * direction; its partner is −1 and its cosine NaN.
 *
 * @param partner for feature i of A, the best feature of B, or −1
 * @param cosine  that cosine, or NaN
 */
public record DecoderMatch(int[] partner, double[] cosine) {
    /** Rows of A per block: bounds the cosine block to BLOCK × d_sae(B) floats for large SAEs. */
    private static final int BLOCK = 256;

    public DecoderMatch {
        partner = partner.clone();
        cosine = cosine.clone();
    }

    /**
     * @param wDecA W_dec of A [d_sae(A), d_in]
     * @param wDecB W_dec of B [d_sae(B), d_in]; same d_in
     */
    public static DecoderMatch best(INDArray wDecA, INDArray wDecB, TaskMonitor monitor) {
        if (wDecA.rank() != 2 || wDecB.rank() != 2 || wDecA.size(1) != wDecB.size(1)) {
            throw new InvalidInputException("decoder directions can only be compared for the same d_in: A reads "
                    + (wDecA.rank() == 2 ? wDecA.size(1) : -1) + " values, B reads "
                    + (wDecB.rank() == 2 ? wDecB.size(1) : -1));
        }
        int rowsA = (int) wDecA.size(0);
        int rowsB = (int) wDecB.size(0);
        INDArray unitA = unitRows(wDecA);
        INDArray unitBt = unitRows(wDecB).transpose().dup('c');
        int[] partner = new int[rowsA];
        double[] cosine = new double[rowsA];
        Arrays.fill(partner, -1);
        Arrays.fill(cosine, Double.NaN);
        double[] normsA = wDecA.castTo(DataType.DOUBLE).norm2(1).toDoubleVector();
        double[] normsB = wDecB.castTo(DataType.DOUBLE).norm2(1).toDoubleVector();
        for (int start = 0; start < rowsA; start += BLOCK) {
            monitor.checkCancelled();
            monitor.report(start / (double) rowsA, "matching features " + start + "–"
                    + Math.min(rowsA, start + BLOCK) + " of " + rowsA);
            int end = Math.min(rowsA, start + BLOCK);
            double[][] block = unitA.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()).mmul(unitBt)
                    .toDoubleMatrix();
            for (int i = start; i < end; i++) {
                if (normsA[i] == 0) {
                    continue;
                }
                double[] row = block[i - start];
                for (int j = 0; j < rowsB; j++) {
                    if (normsB[j] != 0 && (partner[i] < 0 || row[j] > cosine[i])) {
                        partner[i] = j;
                        cosine[i] = row[j];
                    }
                }
                if (partner[i] >= 0) {
                    cosine[i] = Math.max(-1, Math.min(1, cosine[i]));
                }
            }
        }
        monitor.report(1, "matched " + rowsA + " features");
        return new DecoderMatch(partner, cosine);
    }

    /** Rows scaled to unit length in float64 (so the cosines are exact to ~1e-15); zero rows stay zero. */
    private static INDArray unitRows(INDArray m) {
        INDArray d = m.castTo(DataType.DOUBLE).dup('c');
        INDArray norms = d.norm2(1);
        INDArray safe = norms.dup();
        safe.addi(norms.eq(0).castTo(DataType.DOUBLE));
        return d.diviColumnVector(safe.reshape(safe.length(), 1));
    }

    /** A copy. */
    @Override
    public int[] partner() {
        return partner.clone();
    }

    /** A copy. */
    @Override
    public double[] cosine() {
        return cosine.clone();
    }

    /** d_sae of A. */
    public int features() {
        return partner.length;
    }

    public int partnerOf(int feature) {
        return partner[feature];
    }

    public double cosineOf(int feature) {
        return cosine[feature];
    }

    /** How many features of A have a partner at or above {@code threshold}. */
    public int countAtLeast(double threshold) {
        int n = 0;
        for (double c : cosine) {
            n += c >= threshold ? 1 : 0;
        }
        return n;
    }
}
