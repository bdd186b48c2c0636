package dev.saeexplorer.core.metrics;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Param;
import dev.saeexplorer.core.sae.SaeModel;
import dev.saeexplorer.core.superposition.SyntheticData;
import dev.saeexplorer.core.superposition.Superposition;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Computes {@link SyntheticMetrics} of a trained SAE on an evaluation sample of the synthetic data. */
public final class SyntheticEvaluator {
    /** The B.3 threshold τ. */
    public static final double ACTIVATION_THRESHOLD = 0.01;
    /** B.3 encodes every active (sample, feature) pair separately; this many samples keep it affordable. */
    private static final int B3_SAMPLES = 1024;

    public SyntheticMetrics evaluate(SaeModel model, SyntheticData data, int samples, long seed) {
        if (samples < 2) {
            throw InvalidInputException.of(Param.EVAL_SAMPLES, "must be at least 2, got " + samples);
        }
        SyntheticData.Sample sample = data.sample(samples, seed);
        INDArray x = sample.x().castTo(DataType.DOUBLE);
        INDArray f32 = model.encode(sample.xp());
        INDArray f = f32.castTo(DataType.DOUBLE);
        INDArray xpHat = model.decode(f32).castTo(DataType.DOUBLE);
        double reconstruction = sumSquares(xpHat.subi(sample.xp().castTo(DataType.DOUBLE))) / samples;

        double[][] correlation = correlation(f, x);
        LatentMatching matching = LatentMatching.maximumWeight(correlation);
        double[][] xs = x.toDoubleMatrix();
        double[][] fs = f.toDoubleMatrix();
        double lossGt = 0;
        double nonSparse = 0;
        long activeCoordinates = 0;
        for (int b = 0; b < samples; b++) {
            for (int i = 0; i < xs[b].length; i++) {
                int latent = matching.latentOfFeature()[i];
                double estimate = latent < 0 ? 0.0 : fs[b][latent];
                double err = (xs[b][i] - estimate) * (xs[b][i] - estimate);
                lossGt += err;
                if (xs[b][i] > 0) {
                    nonSparse += err;
                    activeCoordinates++;
                }
            }
        }
        int dead = 0;
        double[] maxActivation = f.max(0).toDoubleVector();
        for (double v : maxActivation) {
            if (v <= 0) {
                dead++;
            }
        }
        GroundTruthRecovery recovery = GroundTruthRecovery.compute(xs, fs);
        return new SyntheticMetrics(lossGt / samples, activeCoordinates == 0 ? null : nonSparse / activeCoordinates,
                reconstruction, monosemanticity(model, f, maxActivation),
                averageActivatedFeatures(model, data.superposition(), xs), dead, matching.latentOfFeature(),
                correlation, recovery, Absorption.compute(xs, fs, recovery, data.hierarchy()));
    }

    /** Pearson correlation [latents][features]; 0 where a latent or a feature is constant. */
    static double[][] correlation(INDArray f, INDArray x) {
        long n = f.size(0);
        INDArray fc = f.subRowVector(f.mean(true, 0));
        INDArray xc = x.subRowVector(x.mean(true, 0));
        INDArray cov = fc.transpose().mmul(xc).divi(n);
        double[] sf = fc.norm2(0).divi(Math.sqrt(n)).toDoubleVector();
        double[] sx = xc.norm2(0).divi(Math.sqrt(n)).toDoubleVector();
        double[][] c = cov.toDoubleMatrix();
        for (int j = 0; j < c.length; j++) {
            for (int i = 0; i < c[j].length; i++) {
                double denom = sf[j] * sx[i];
                c[j][i] = denom > 1e-12 ? c[j][i] / denom : 0.0;
            }
        }
        return c;
    }

    private static Double monosemanticity(SaeModel model, INDArray f, double[] maxActivation) {
        double[] norms = model.decoderNorms();
        double[] variance = f.var(false, 0).toDoubleVector();
        double sum = 0;
        int alive = 0;
        for (int j = 0; j < variance.length; j++) {
            if (maxActivation[j] > 0) {
                sum += variance[j] * norms[j] * norms[j];
                alive++;
            }
        }
        return alive == 0 ? null : sum / alive;
    }

    /**
     * Paper B.3: encode each active feature alone, x^i = x_i e_i, sum the latent activations M_j^i over samples; latent j
     * is activated by feature i when M_j^i > τ Σ_x x_i. Samples where x_i = 0 contribute f(0), counted once and scaled.
     */
    static Double averageActivatedFeatures(SaeModel model, Superposition sp, double[][] xs) {
        int samples = Math.min(B3_SAMPLES, xs.length);
        int n = sp.features();
        int np = sp.dims();
        int m = model.latents();
        double[] fZero = model.encode(Nd4j.zeros(DataType.FLOAT, 1, np)).castTo(DataType.DOUBLE).toDoubleVector();
        int[] activatedBy = new int[m];
        for (int i = 0; i < n; i++) {
            int active = 0;
            double sumX = 0;
            for (int b = 0; b < samples; b++) {
                if (xs[b][i] > 0) {
                    active++;
                    sumX += xs[b][i];
                }
            }
            if (active == 0) {
                continue;
            }
            float[] rows = new float[active * np];
            int r = 0;
            for (int b = 0; b < samples; b++) {
                if (xs[b][i] > 0) {
                    for (int d = 0; d < np; d++) {
                        rows[r * np + d] = (float) (xs[b][i] * sp.entry(d, i));
                    }
                    r++;
                }
            }
            double[] mji = model.encode(Nd4j.createFromArray(rows).reshape(active, np))
                    .castTo(DataType.DOUBLE).sum(0).toDoubleVector();
            int inactive = samples - active;
            for (int j = 0; j < m; j++) {
                if (mji[j] + inactive * fZero[j] > ACTIVATION_THRESHOLD * sumX) {
                    activatedBy[j]++;
                }
            }
        }
        int latentsActivated = 0;
        long total = 0;
        for (int count : activatedBy) {
            if (count > 0) {
                latentsActivated++;
                total += count;
            }
        }
        return latentsActivated == 0 ? null : (double) total / latentsActivated;
    }

    private static double sumSquares(INDArray a) {
        return a.mul(a).sumNumber().doubleValue();
    }
}
