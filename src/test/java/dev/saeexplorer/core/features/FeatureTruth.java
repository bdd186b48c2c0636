package dev.saeexplorer.core.features;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.core.io.Json;
import dev.saeexplorer.core.io.SafetensorsFile;
import dev.saeexplorer.core.io.SafetensorsReader;
import dev.saeexplorer.core.lm.Gpt2Model;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * design/MATH.md's "Feature dashboards" computed the plain way, in float64, for the tests to hold a store against: the
 * hook values from {@link Gpt2Model#run} one context at a time, then an SAE encoder written here from the formula,
 * f = relu((x − b_dec)·W_enc + b_enc), or relu(x·W_enc + b_enc) when the checkpoint's cfg.json says
 * {@code apply_b_dec_to_input: false}, with the parameters read straight from its files. Every token of every context
 * is kept: fine for a test's few hundred.
 */
final class FeatureTruth {
    /** [context][token, BOS left out][feature] pre-activations. */
    private final double[][][] pre;
    private final int features;

    private FeatureTruth(double[][][] pre, int features) {
        this.pre = pre;
        this.features = features;
    }

    static FeatureTruth of(Path model, Path sae, List<int[]> contexts) throws IOException {
        JsonNode cfg = Json.mapper().readTree(sae.resolve("cfg.json").toFile());
        SafetensorsFile weights = SafetensorsReader.read(sae.resolve("sae_weights.safetensors"));
        int dIn = cfg.get("d_in").asInt();
        int dSae = cfg.get("d_sae").asInt();
        double[] wEnc = weights.tensor("W_enc").toDoubleArray(); // [d_in][d_sae]
        double[] bEnc = weights.tensor("b_enc").toDoubleArray();
        double[] bDec = weights.tensor("b_dec").toDoubleArray();
        boolean applyBDec = cfg.get("apply_b_dec_to_input").asBoolean();
        Gpt2Model lm = Gpt2Model.load(model);
        String hook = cfg.get("metadata").get("hook_name").asText();
        double[][][] pre = new double[contexts.size()][][];
        for (int c = 0; c < contexts.size(); c++) {
            float[][] h = lm.run(contexts.get(c), hook);
            pre[c] = new double[h.length - 1][dSae];
            for (int t = 1; t < h.length; t++) {
                for (int j = 0; j < dSae; j++) {
                    double z = bEnc[j];
                    for (int i = 0; i < dIn; i++) {
                        z += (h[t][i] - (applyBDec ? bDec[i] : 0)) * wEnc[i * dSae + j];
                    }
                    pre[c][t - 1][j] = z;
                }
            }
        }
        return new FeatureTruth(pre, dSae);
    }

    int features() {
        return features;
    }

    int contexts() {
        return pre.length;
    }

    long tokens() {
        long n = 0;
        for (double[][] c : pre) {
            n += c.length;
        }
        return n;
    }

    /** The feature's activation at token t (BOS left out) of context c. */
    double activation(int c, int t, int feature) {
        return Math.max(0, pre[c][t][feature]);
    }

    int length(int c) {
        return pre[c].length;
    }

    double density(int feature) {
        long positive = 0;
        for (int c = 0; c < pre.length; c++) {
            for (int t = 0; t < pre[c].length; t++) {
                positive += activation(c, t, feature) > 0 ? 1 : 0;
            }
        }
        return positive / (double) tokens();
    }

    /** Tokens whose pre-activation is within {@code tol} of 0, where float32 and float64 may disagree on firing. */
    long nearZero(int feature, double tol) {
        long n = 0;
        for (double[][] c : pre) {
            for (double[] t : c) {
                n += Math.abs(t[feature]) < tol ? 1 : 0;
            }
        }
        return n;
    }

    double mean(int feature) {
        double sum = 0;
        for (int c = 0; c < pre.length; c++) {
            for (int t = 0; t < pre[c].length; t++) {
                sum += activation(c, t, feature);
            }
        }
        return sum / tokens();
    }

    double max(int feature) {
        double max = 0;
        for (int c = 0; c < pre.length; c++) {
            max = Math.max(max, contextMax(c, feature));
        }
        return max;
    }

    /** Every positive activation of the feature. */
    List<Double> positives(int feature) {
        List<Double> out = new ArrayList<>();
        for (int c = 0; c < pre.length; c++) {
            for (int t = 0; t < pre[c].length; t++) {
                if (activation(c, t, feature) > 0) {
                    out.add(activation(c, t, feature));
                }
            }
        }
        return out;
    }

    double contextMax(int c, int feature) {
        double max = 0;
        for (int t = 0; t < pre[c].length; t++) {
            max = Math.max(max, activation(c, t, feature));
        }
        return max;
    }

    /** The contexts where the feature fires, by maximum descending, ties to the lower context number. */
    List<Integer> ranked(int feature) {
        List<Integer> out = new ArrayList<>();
        for (int c = 0; c < pre.length; c++) {
            if (contextMax(c, feature) > 0) {
                out.add(c);
            }
        }
        out.sort(Comparator.comparingDouble((Integer c) -> -contextMax(c, feature)).thenComparingInt(c -> c));
        return out;
    }
}
