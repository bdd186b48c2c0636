package dev.saeexplorer.core.sae;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Param;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The SAE's sparse activation σ (design/MATH.md): ReLU, TopK(k) (the k largest pre-activations, ReLU'd) and
 * JumpReLU(θ) = z·H(z − θ). One implementation serves the float64 theory ({@link #apply(double[])}), the float32
 * training batches ({@link #forward(INDArray)}) and the JVM trainer's rows ({@link #activate}). For all three, an output
 * entry is positive exactly where the gradient passes, which the trainer uses as its backward mask.
 *
 * <p>What differs between the activations is asked of the activation itself (its parameters, its description, whether
 * training takes it), so no caller needs to test which one it holds.
 */
public sealed interface Activation permits Activation.Relu, Activation.TopK, Activation.JumpRelu,
        Activation.JumpReluPerLatent, Activation.Gated {

    /** The name used in the CLI and in SAELens' {@code architecture}/{@code activation_fn_str}. */
    String id();

    /** σ applied to one vector; returns a new array. */
    default double[] apply(double[] z) {
        return apply(z, new double[z.length]);
    }

    /** σ applied to one vector, written into {@code out} (as long as z; it may be z itself); returns {@code out}. */
    double[] apply(double[] z, double[] out);

    /** σ applied to each row of a batch [batch, latents]; returns a new array. */
    INDArray forward(INDArray pre);

    /**
     * σ applied to one float32 row without allocating, for the JVM trainer: writes σ(pre) into {@code out}, the
     * indices of its positive entries into {@code active} (in increasing order) and returns how many there are.
     * {@code scratch} is a work array as long as {@code pre}.
     */
    int activate(float[] pre, float[] out, int[] active, float[] scratch);

    /** Checks that the activation fits a layer of this many latents. */
    default void validateFor(int latents) {
    }

    /** Whether the trainers take σ: per-latent thresholds come only from loaded checkpoints. */
    default boolean isTrainable() {
        return true;
    }

    /** The number of latents kept per sample (TopK's k), or null when σ keeps no fixed number. */
    default Integer keptPerSample() {
        return null;
    }

    /** The one threshold θ that every latent shares (JumpReLU), or null when σ has none or one per latent. */
    default Double uniformThreshold() {
        return null;
    }

    /** The threshold of each of {@code latents} latents (θ repeated, or the per-latent ones); empty without one. */
    default Optional<double[]> latentThresholds(int latents) {
        return Optional.empty();
    }

    /** σ's name for people: "ReLU", "TopK", "JumpReLU". */
    String label();

    /** σ's parameters for people, e.g. "k = 4" or "threshold 0.0500000"; empty for ReLU, which has none. */
    String parameters();

    /** σ for people, e.g. "ReLU", "TopK (k = 4)", "JumpReLU (threshold 0.0500000)". */
    default String describe() {
        return describe(label());
    }

    /** {@code name} followed by σ's parameters in brackets when it has any, e.g. "topk (k = 4)". */
    default String describe(String name) {
        String p = parameters();
        return p.isEmpty() ? name : name + " (" + p + ")";
    }

    static Activation parse(String name, Integer k, Double theta) {
        String id = name == null ? "relu" : name.trim().toLowerCase(Locale.ROOT);
        switch (id) {
            case "relu":
                return new Relu();
            case "topk":
                if (k == null) {
                    throw InvalidInputException.worded(Param.K, Param.ACTIVATION, " topk needs ", Param.K,
                            " (the number of latents kept per sample)");
                }
                return new TopK(k);
            case "jumprelu":
                return new JumpRelu(theta == null ? 0.0 : theta);
            default:
                throw InvalidInputException.worded(Param.ACTIVATION, "unknown ", Param.ACTIVATION, " '" + name
                        + "': use relu, topk or jumprelu");
        }
    }

    record Relu() implements Activation {
        @Override
        public String id() {
            return "relu";
        }

        @Override
        public String label() {
            return "ReLU";
        }

        @Override
        public String parameters() {
            return "";
        }

        @Override
        public double[] apply(double[] z, double[] out) {
            for (int i = 0; i < z.length; i++) {
                out[i] = Math.max(0.0, z[i]);
            }
            return out;
        }

        @Override
        public int activate(float[] pre, float[] out, int[] active, float[] scratch) {
            return keepAbove(pre, out, active, 0f, true);
        }

        @Override
        public INDArray forward(INDArray pre) {
            return Transforms.relu(pre, true);
        }
    }

    /** Keeps the k largest entries of each row (then ReLU); ties at the k-th value are all kept. */
    record TopK(int k) implements Activation {
        public TopK {
            if (k < 1) {
                throw InvalidInputException.of(Param.K, "must be at least 1, got " + k);
            }
        }

        @Override
        public String id() {
            return "topk";
        }

        @Override
        public String label() {
            return "TopK";
        }

        @Override
        public String parameters() {
            return "k = " + k;
        }

        @Override
        public Integer keptPerSample() {
            return k;
        }

        @Override
        public void validateFor(int latents) {
            if (k > latents) {
                throw InvalidInputException.worded(Param.K, Param.K, " (" + k + ") is larger than the number of"
                        + " latents, ", Param.LATENTS, " (" + latents + ")");
            }
        }

        @Override
        public double[] apply(double[] z, double[] out) {
            validateFor(z.length);
            double[] sorted = z.clone();
            Arrays.sort(sorted);
            double kth = sorted[z.length - k];
            for (int i = 0; i < z.length; i++) {
                out[i] = z[i] >= kth ? Math.max(0.0, z[i]) : 0.0;
            }
            return out;
        }

        @Override
        public int activate(float[] pre, float[] out, int[] active, float[] scratch) {
            int m = pre.length;
            System.arraycopy(pre, 0, scratch, 0, m);
            Arrays.sort(scratch, 0, m);
            float kth = scratch[m - k];
            // Keep ties at the k-th value, never zero or below.
            return keepAbove(pre, out, active, Math.max(0f, kth), kth <= 0f);
        }

        @Override
        public INDArray forward(INDArray pre) {
            validateFor((int) pre.size(1));
            INDArray sortedDescending = Nd4j.sort(pre.dup(), 1, false);
            INDArray kth = sortedDescending.getColumn(k - 1, true);
            INDArray keep = pre.subColumnVector(kth).gte(0.0).castTo(pre.dataType());
            return Transforms.relu(pre, true).muli(keep);
        }
    }

    /** z·H(z − θ) with a fixed threshold θ ≥ 0 (a negative θ would let negative values through). */
    record JumpRelu(double theta) implements Activation {
        public JumpRelu {
            if (!Double.isFinite(theta) || theta < 0) {
                throw InvalidInputException.of(Param.THETA, "must be a finite number ≥ 0, got " + theta);
            }
        }

        @Override
        public String id() {
            return "jumprelu";
        }

        @Override
        public String label() {
            return "JumpReLU";
        }

        @Override
        public String parameters() {
            return "threshold " + String.format(Locale.ROOT, "%.6g", theta);
        }

        @Override
        public Double uniformThreshold() {
            return theta;
        }

        @Override
        public Optional<double[]> latentThresholds(int latents) {
            double[] t = new double[latents];
            Arrays.fill(t, theta);
            return Optional.of(t);
        }

        @Override
        public double[] apply(double[] z, double[] out) {
            for (int i = 0; i < z.length; i++) {
                out[i] = z[i] > theta && z[i] > 0 ? z[i] : 0.0;
            }
            return out;
        }

        @Override
        public int activate(float[] pre, float[] out, int[] active, float[] scratch) {
            return keepAbove(pre, out, active, (float) theta, true);
        }

        @Override
        public INDArray forward(INDArray pre) {
            INDArray keep = pre.gt(theta).castTo(pre.dataType());
            return Transforms.relu(pre, true).muli(keep);
        }
    }

    /**
     * JumpReLU with one threshold per latent, as SAELens and Gemma Scope checkpoints store it ({@code threshold}
     * [d_sae]): σ(z)_j = z_j·H(z_j − θ_j) for z_j &gt; 0. Checkpoint loaders use it when the thresholds differ; training
     * uses the scalar {@link JumpRelu}.
     */
    record JumpReluPerLatent(double[] thresholds) implements Activation {
        public JumpReluPerLatent {
            if (thresholds == null || thresholds.length == 0) {
                throw new InvalidInputException("per-latent JumpReLU needs at least one threshold");
            }
            thresholds = thresholds.clone();
            for (int i = 0; i < thresholds.length; i++) {
                if (!Double.isFinite(thresholds[i]) || thresholds[i] < 0) {
                    throw new InvalidInputException("JumpReLU threshold " + i + " must be a finite number ≥ 0, got "
                            + thresholds[i]);
                }
            }
        }

        /** A copy of the thresholds. */
        @Override
        public double[] thresholds() {
            return thresholds.clone();
        }

        /** The threshold of latent j. */
        public double threshold(int j) {
            return thresholds[j];
        }

        @Override
        public String id() {
            return "jumprelu";
        }

        @Override
        public String label() {
            return "JumpReLU";
        }

        @Override
        public String parameters() {
            return "per-latent thresholds";
        }

        @Override
        public boolean isTrainable() {
            return false;
        }

        @Override
        public Optional<double[]> latentThresholds(int latents) {
            validateFor(latents);
            return Optional.of(thresholds());
        }

        @Override
        public void validateFor(int latents) {
            if (thresholds.length != latents) {
                throw new InvalidInputException("JumpReLU has " + thresholds.length + " thresholds but the layer has "
                        + latents + " latents");
            }
        }

        @Override
        public double[] apply(double[] z, double[] out) {
            validateFor(z.length);
            for (int i = 0; i < z.length; i++) {
                out[i] = z[i] > thresholds[i] && z[i] > 0 ? z[i] : 0.0;
            }
            return out;
        }

        @Override
        public int activate(float[] pre, float[] out, int[] active, float[] scratch) {
            validateFor(pre.length);
            int count = 0;
            for (int j = 0; j < pre.length; j++) {
                float p = pre[j];
                if (p > (float) thresholds[j] && p > 0f) {
                    out[j] = p;
                    active[count++] = j;
                } else {
                    out[j] = 0f;
                }
            }
            return count;
        }

        @Override
        public INDArray forward(INDArray pre) {
            validateFor((int) pre.size(1));
            INDArray theta = Nd4j.createFromArray(thresholds).castTo(pre.dataType()).reshape(1, thresholds.length);
            INDArray keep = pre.subRowVector(theta).gt(0.0).castTo(pre.dataType());
            return Transforms.relu(pre, true).muli(keep);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof JumpReluPerLatent && Arrays.equals(thresholds, ((JumpReluPerLatent) o).thresholds);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(thresholds);
        }

        @Override
        public String toString() {
            return "JumpReluPerLatent[" + thresholds.length + " thresholds]";
        }
    }

    /**
     * The gated SAE's activation (Rajamanoharan et al. 2024, as dictionary_learning's {@code GatedAutoEncoder} and
     * SAELens' gated SAE compute it), written as a per-latent function of the shared projection z = (x − b_dec)·W_enc
     * (the model's b_enc is zero for it): σ(z)_j = 1[z_j + gateBias_j &gt; 0] · ReLU(magScale_j·z_j + magBias_j), with
     * gateBias = {@code gate_bias}/{@code b_gate}, magScale = exp({@code r_mag}) and magBias = {@code mag_bias}/
     * {@code b_mag}. Only loaded checkpoints use it; training does not take it.
     */
    record Gated(double[] gateBias, double[] magScale, double[] magBias) implements Activation {
        public Gated {
            if (gateBias == null || magScale == null || magBias == null || gateBias.length == 0
                    || magScale.length != gateBias.length || magBias.length != gateBias.length) {
                throw new InvalidInputException("a gated SAE needs one gate bias, magnitude scale and magnitude bias per"
                        + " latent");
            }
            gateBias = gateBias.clone();
            magScale = magScale.clone();
            magBias = magBias.clone();
            for (int j = 0; j < gateBias.length; j++) {
                if (!Double.isFinite(gateBias[j]) || !Double.isFinite(magScale[j]) || !Double.isFinite(magBias[j])) {
                    throw new InvalidInputException("gated SAE latent " + j + " has a non-finite gate or magnitude"
                            + " parameter");
                }
            }
        }

        @Override
        public double[] gateBias() {
            return gateBias.clone();
        }

        @Override
        public double[] magScale() {
            return magScale.clone();
        }

        @Override
        public double[] magBias() {
            return magBias.clone();
        }

        @Override
        public String id() {
            return "gated";
        }

        @Override
        public String label() {
            return "Gated";
        }

        @Override
        public String parameters() {
            return "per-latent gate and magnitude";
        }

        @Override
        public boolean isTrainable() {
            return false;
        }

        @Override
        public void validateFor(int latents) {
            if (gateBias.length != latents) {
                throw new InvalidInputException("the gated activation has " + gateBias.length
                        + " latents but the layer has " + latents);
            }
        }

        @Override
        public double[] apply(double[] z, double[] out) {
            validateFor(z.length);
            for (int j = 0; j < z.length; j++) {
                double zj = z[j];
                out[j] = zj + gateBias[j] > 0 ? Math.max(0.0, magScale[j] * zj + magBias[j]) : 0.0;
            }
            return out;
        }

        @Override
        public int activate(float[] pre, float[] out, int[] active, float[] scratch) {
            validateFor(pre.length);
            int count = 0;
            for (int j = 0; j < pre.length; j++) {
                double zj = pre[j];
                float v = zj + gateBias[j] > 0 ? (float) Math.max(0.0, magScale[j] * zj + magBias[j]) : 0f;
                out[j] = v;
                if (v > 0f) {
                    active[count++] = j;
                }
            }
            return count;
        }

        @Override
        public INDArray forward(INDArray pre) {
            int m = (int) pre.size(1);
            validateFor(m);
            INDArray gb = Nd4j.createFromArray(gateBias).castTo(pre.dataType()).reshape(1, m);
            INDArray ms = Nd4j.createFromArray(magScale).castTo(pre.dataType()).reshape(1, m);
            INDArray mb = Nd4j.createFromArray(magBias).castTo(pre.dataType()).reshape(1, m);
            INDArray open = pre.addRowVector(gb).gt(0.0).castTo(pre.dataType());
            INDArray magnitude = Transforms.relu(pre.mulRowVector(ms).addiRowVector(mb), false);
            return magnitude.muli(open);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Gated g && Arrays.equals(gateBias, g.gateBias) && Arrays.equals(magScale, g.magScale)
                    && Arrays.equals(magBias, g.magBias);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Arrays.hashCode(gateBias) + Arrays.hashCode(magScale)) + Arrays.hashCode(magBias);
        }

        @Override
        public String toString() {
            return "Gated[" + gateBias.length + " latents]";
        }
    }

    /**
     * Keeps the entries of {@code pre} above {@code threshold} (at or above it when not {@code strict}) that are
     * positive; lists them in {@code active} and returns their count.
     */
    private static int keepAbove(float[] pre, float[] out, int[] active, float threshold, boolean strict) {
        int count = 0;
        if (threshold == 0f && strict) {
            // ReLU (or a zero threshold): branch-free, as about half the latents fire early in training.
            for (int j = 0; j < pre.length; j++) {
                float p = pre[j];
                out[j] = Math.max(p, 0f);
                active[count] = j;
                count += p > 0f ? 1 : 0;
            }
            return count;
        }
        for (int j = 0; j < pre.length; j++) {
            float p = pre[j];
            boolean on = strict ? p > threshold : p >= threshold;
            if (on && p > 0f) {
                out[j] = p;
                active[count++] = j;
            } else {
                out[j] = 0f;
            }
        }
        return count;
    }
}
