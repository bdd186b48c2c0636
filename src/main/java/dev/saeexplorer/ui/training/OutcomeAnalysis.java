package dev.saeexplorer.ui.training;

import dev.saeexplorer.core.experiment.SyntheticExperiment.ExperimentResult;
import dev.saeexplorer.core.sae.SaeModel;
import dev.saeexplorer.core.superposition.SyntheticData;
import dev.saeexplorer.core.superposition.Superposition;
import org.nd4j.linalg.api.buffer.DataType;

/** Derives the result views of a trained model (matching-ordered matrices, activations); runs in the background. */
final class OutcomeAnalysis {
    /** Histograms need a few thousand samples, not the whole evaluation set: this bounds the memory they hold. */
    static final int HISTOGRAM_SAMPLES = 8192;
    /** The evaluator's sample seed offset, so the histograms show the very samples the metrics were computed on. */
    private static final long EVAL_SEED_OFFSET = 3_000_017L;

    private OutcomeAnalysis() {
    }

    static ModelOutcome analyse(ModelKind kind, Superposition sp, SyntheticData data, LabSettings settings,
                                ExperimentResult result) {
        SaeModel model = result.training().model();
        int[] match = result.metrics().latentOfFeature();
        double[][] wEnc = model.wEnc().castTo(DataType.DOUBLE).toDoubleMatrix(); // [d_in][d_sae]
        double[][] cosine = cosine(sp, wEnc, match);
        int[] order = latentOrder(match, model.latents());
        double[][] corr = result.metrics().correlation();
        double[][] recovery = new double[order.length][];
        for (int r = 0; r < order.length; r++) {
            recovery[r] = corr[order[r]].clone();
        }
        int samples = Math.min(settings.evalSamples(), HISTOGRAM_SAMPLES);
        SyntheticData.Sample sample = data.sample(samples, settings.seed() + EVAL_SEED_OFFSET);
        float[][] activations = model.encode(sample.xp()).castTo(DataType.FLOAT).transpose().toFloatMatrix();
        return new ModelOutcome(kind, result, cosine, order, recovery, activations);
    }

    /** cos(W_m row of feature i's latent, W_p column i') for all i, i'. */
    static double[][] cosine(Superposition sp, double[][] wEnc, int[] match) {
        int n = sp.features();
        int dims = sp.dims();
        double[][] wp = sp.matrix();
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            int latent = match[i];
            for (int c = 0; c < n; c++) {
                if (latent < 0) {
                    out[i][c] = Double.NaN;
                    continue;
                }
                double dot = 0;
                double a = 0;
                double b = 0;
                for (int d = 0; d < dims; d++) {
                    double u = wEnc[d][latent];
                    double v = wp[d][c];
                    dot += u * v;
                    a += u * u;
                    b += v * v;
                }
                out[i][c] = a == 0 || b == 0 ? 0 : dot / Math.sqrt(a * b);
            }
        }
        return out;
    }

    static int[] latentOrder(int[] match, int latents) {
        int[] order = new int[latents];
        boolean[] used = new boolean[latents];
        int next = 0;
        for (int latent : match) {
            if (latent >= 0 && !used[latent]) {
                used[latent] = true;
                order[next++] = latent;
            }
        }
        for (int j = 0; j < latents; j++) {
            if (!used[j]) {
                order[next++] = j;
            }
        }
        return order;
    }
}
