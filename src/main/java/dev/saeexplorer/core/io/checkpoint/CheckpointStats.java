package dev.saeexplorer.core.io.checkpoint;

import dev.saeexplorer.core.sae.SaeModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Weight statistics of an SAE for {@code inspect}: the decoder rows' norms, and per latent j the cosine between its
 * encoder column W_enc[:, j] and its decoder row W_dec[j, :]. Latents whose encoder or decoder vector is zero have no
 * cosine and are counted in {@code zeroVectorLatents}. {@code deadFraction} needs a sparsity record and is null until
 * one is read.
 */
public record CheckpointStats(Summary decoderNorm, Summary encoderDecoderCosine, int zeroVectorLatents,
        Double deadFraction) {

    /** Min, mean and max of a set of values; null fields when the set is empty. */
    public record Summary(Double min, Double mean, Double max) {
        static Summary of(double[] v, int count) {
            if (count == 0) {
                return new Summary(null, null, null);
            }
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (int i = 0; i < count; i++) {
                min = Math.min(min, v[i]);
                max = Math.max(max, v[i]);
                sum += v[i];
            }
            return new Summary(min, sum / count, max);
        }
    }

    public static CheckpointStats of(SaeModel model) {
        int dIn = model.inputDim();
        int dSae = model.latents();
        double[] enc = model.wEnc().castTo(DataType.DOUBLE).dup('c').reshape((long) dIn * dSae).toDoubleVector();
        INDArray wDec = model.wDec();
        double[] dec = wDec.castTo(DataType.DOUBLE).dup('c').reshape((long) dSae * dIn).toDoubleVector();
        double[] norms = new double[dSae];
        double[] cos = new double[dSae];
        int withCos = 0;
        int zero = 0;
        for (int j = 0; j < dSae; j++) {
            double dot = 0;
            double ee = 0;
            double dd = 0;
            for (int i = 0; i < dIn; i++) {
                double e = enc[i * dSae + j];
                double d = dec[j * dIn + i];
                dot += e * d;
                ee += e * e;
                dd += d * d;
            }
            norms[j] = Math.sqrt(dd);
            if (ee == 0 || dd == 0) {
                zero++;
            } else {
                cos[withCos++] = Math.max(-1.0, Math.min(1.0, dot / (Math.sqrt(ee) * Math.sqrt(dd))));
            }
        }
        return new CheckpointStats(Summary.of(norms, dSae), Summary.of(cos, withCos), zero, null);
    }
}
