package dev.saeexplorer.core.io.checkpoint;

import dev.saeexplorer.core.sae.SaeModel;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Per-feature weight geometry of an SAE: the norm of each decoder row W_dec[j, :] and the cosine between each encoder
 * column W_enc[:, j] and its decoder row. A feature whose encoder or decoder vector is zero has no cosine (NaN).
 * {@link CheckpointStats} summarises these; the checkpoint inspector draws their histograms.
 *
 * @param decoderNorms           [d_sae]
 * @param encoderDecoderCosines  [d_sae], NaN where a vector is zero
 */
public record FeatureGeometry(double[] decoderNorms, double[] encoderDecoderCosines) {

    public FeatureGeometry {
        if (decoderNorms.length != encoderDecoderCosines.length) {
            throw new IllegalArgumentException("one norm and one cosine per feature");
        }
        decoderNorms = decoderNorms.clone();
        encoderDecoderCosines = encoderDecoderCosines.clone();
    }

    public static FeatureGeometry of(SaeModel model) {
        int dIn = model.inputDim();
        int dSae = model.latents();
        double[] enc = model.wEnc().castTo(DataType.DOUBLE).dup('c').reshape((long) dIn * dSae).toDoubleVector();
        double[] dec = model.wDec().castTo(DataType.DOUBLE).dup('c').reshape((long) dSae * dIn).toDoubleVector();
        double[] norms = new double[dSae];
        double[] cos = new double[dSae];
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
            cos[j] = ee == 0 || dd == 0 ? Double.NaN
                    : Math.max(-1.0, Math.min(1.0, dot / (Math.sqrt(ee) * Math.sqrt(dd))));
        }
        return new FeatureGeometry(norms, cos);
    }

    public int features() {
        return decoderNorms.length;
    }

    /** A copy. */
    @Override
    public double[] decoderNorms() {
        return decoderNorms.clone();
    }

    /** A copy; NaN where the encoder or decoder vector is zero. */
    @Override
    public double[] encoderDecoderCosines() {
        return encoderDecoderCosines.clone();
    }

    public double decoderNorm(int feature) {
        return decoderNorms[feature];
    }

    public double cosine(int feature) {
        return encoderDecoderCosines[feature];
    }
}
