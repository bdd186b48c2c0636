package dev.saeexplorer.core.lm;

import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.sae.HostSaeDecoder;
import dev.saeexplorer.core.sae.HostSaeEncoder;
import dev.saeexplorer.core.sae.SaeModel;
import java.util.List;

/**
 * How much of the model an SAE keeps when spliced in at its hook (as SAELens and SAEBench judge an SAE): every context
 * runs to the logits three ways, clean, spliced (the hook's value at every position but the first, BOS, replaced by
 * decode(encode(x))) and zero-ablated (those positions set to 0), and the next-token predictions (positions 0 … n−2
 * predict tokens 1 … n−1) are compared. Reconstruction statistics cover the non-BOS positions.
 */
public final class SpliceMetrics {

    /**
     * The results; the cross-entropies and the KL divergence are token-weighted means over every prediction.
     *
     * @param tokens           non-BOS positions (where the SAE was spliced)
     * @param ceLossRecovered  (CE_zero − CE_spliced) / (CE_zero − CE_clean), null when the denominator is 0
     * @param klDivergence     KL(clean ‖ spliced) of the next-token distributions
     * @param l0               mean number of features > 0 per non-BOS token
     * @param explainedVariance 1 − Σ‖x − x̂‖² / Σ‖x − x̄‖², x̄ the mean of the non-BOS hook values
     * @param mse              Σ‖x − x̂‖² / (tokens × d_in)
     */
    public record Result(long tokens, int contexts, double ceLossClean, double ceLossSpliced, double ceLossZeroAblation,
                         Double ceLossRecovered, double klDivergence, double l0, double explainedVariance, double mse) {
    }

    private SpliceMetrics() {
    }

    /**
     * @param contexts token sequences whose first position is BOS (never spliced, never counted)
     */
    public static Result evaluate(Gpt2Model model, HookPoint hook, SaeModel sae, List<int[]> contexts,
                                  TaskMonitor monitor) {
        FeatureLens.checkCompatible(model, sae);
        HostSaeEncoder encoder = HostSaeEncoder.of(sae);
        HostSaeDecoder decoder = HostSaeDecoder.of(sae);
        int d = model.dModel();
        double ceClean = 0;
        double ceSpliced = 0;
        double ceZero = 0;
        double kl = 0;
        long predictions = 0;
        long tokens = 0;
        long active = 0;
        double residual = 0;
        double sumSquares = 0;
        double[] sum = new double[d];
        for (int c = 0; c < contexts.size(); c++) {
            int[] context = contexts.get(c);
            float[][][] captured = new float[2][][]; // the centred hook rows, and their reconstructions
            float[][] clean = model.logits(context, hook, value -> {
                captured[0] = tail(Gpt2Model.centred(value));
                return value;
            });
            float[][] features = encoder.encode(captured[0]);
            captured[1] = decoder.decode(features, captured[0]);
            float[][] spliced = model.logits(context, hook, value -> replaceTail(value, captured[1]));
            float[][] zero = model.logits(context, hook, value -> replaceTail(value, new float[value.length - 1][d]));
            for (int pos = 0; pos + 1 < context.length; pos++) {
                int next = context[pos + 1];
                double[] lc = logSoftmax(clean, pos);
                double[] ls = logSoftmax(spliced, pos);
                ceClean -= lc[next];
                ceSpliced -= ls[next];
                ceZero -= logSoftmax(zero, pos)[next];
                for (int v = 0; v < lc.length; v++) {
                    kl += Math.exp(lc[v]) * (lc[v] - ls[v]);
                }
                predictions++;
            }
            for (int i = 0; i < features.length; i++) {
                for (float f : features[i]) {
                    active += f > 0 ? 1 : 0;
                }
                for (int j = 0; j < d; j++) {
                    double x = captured[0][i][j];
                    double e = x - captured[1][i][j];
                    residual += e * e;
                    sumSquares += x * x;
                    sum[j] += x;
                }
            }
            tokens += features.length;
            monitor.report((c + 1.0) / contexts.size(), "context " + (c + 1) + " of " + contexts.size());
            monitor.betweenSteps();
        }
        double meanSquare = 0;
        for (double s : sum) {
            meanSquare += s * s;
        }
        double variance = sumSquares - meanSquare / tokens; // Σ‖x − x̄‖² = Σ‖x‖² − N‖x̄‖²
        double clean = ceClean / predictions;
        double spliced = ceSpliced / predictions;
        double zero = ceZero / predictions;
        Double recovered = zero == clean ? null : (zero - spliced) / (zero - clean);
        return new Result(tokens, contexts.size(), clean, spliced, zero, recovered, kl / predictions,
                active / (double) tokens, 1 - residual / variance, residual / ((double) tokens * d));
    }

    /** Rows 1 … n−1: the positions after BOS. */
    private static float[][] tail(float[][] rows) {
        return java.util.Arrays.copyOfRange(rows, 1, rows.length);
    }

    /** The hook's value with every row after the first (BOS) replaced by a copy of {@code rows} (the pass adds into them). */
    private static float[][] replaceTail(float[][] value, float[][] rows) {
        float[][] out = value.clone();
        for (int i = 0; i < rows.length; i++) {
            out[i + 1] = rows[i].clone();
        }
        return out;
    }

    /** log softmax over the vocabulary of position {@code pos} of logits [tokens][vocab], in double. */
    private static double[] logSoftmax(float[][] logits, int pos) {
        float[] row = logits[pos];
        double max = Double.NEGATIVE_INFINITY;
        for (float v : row) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : row) {
            sum += Math.exp(v - max);
        }
        double log = max + Math.log(sum);
        double[] out = new double[row.length];
        for (int v = 0; v < out.length; v++) {
            out[v] = row[v] - log;
        }
        return out;
    }
}
