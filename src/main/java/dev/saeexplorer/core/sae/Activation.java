package dev.saeexplorer.core.sae;

import dev.saeexplorer.core.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The SAE's sparse activation σ (design/MATH.md): ReLU, TopK(k) (the k largest pre-activations, ReLU'd) and
 * JumpReLU(θ) = z·H(z − θ). One implementation serves the float64 theory ({@link #apply(double[])}) and the float32
 * training batches ({@link #forward(INDArray)}). For all three, an output entry is positive exactly where the gradient
 * passes, which the trainer uses as its backward mask.
 */
public sealed interface Activation permits Activation.Relu, Activation.TopK, Activation.JumpRelu,
        Activation.JumpReluPerLatent {

    /** The name used in the CLI and in SAELens' {@code architecture}/{@code activation_fn_str}. */
    String id();

    /** σ applied to one vector; returns a new array. */
    double[] apply(double[] z);

    /** σ applied to each row of a batch [batch, latents]; returns a new array. */
    INDArray forward(INDArray pre);

    /** Checks that the activation fits a layer of this many latents. */
    default void validateFor(int latents) {
    }

    static Activation parse(String name, Integer k, Double theta) {
        String id = name == null ? "relu" : name.trim().toLowerCase(Locale.ROOT);
        switch (id) {
            case "relu":
                return new Relu();
            case "topk":
                if (k == null) {
                    throw new InvalidInputException("--activation topk needs --k (the number of latents kept per sample)");
                }
                return new TopK(k);
            case "jumprelu":
                return new JumpRelu(theta == null ? 0.0 : theta);
            default:
                throw new InvalidInputException("unknown activation '" + name + "': use relu, topk or jumprelu");
        }
    }

    record Relu() implements Activation {
        @Override
        public String id() {
            return "relu";
        }

        @Override
        public double[] apply(double[] z) {
            double[] out = new double[z.length];
            for (int i = 0; i < z.length; i++) {
                out[i] = Math.max(0.0, z[i]);
            }
            return out;
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
                throw new InvalidInputException("--k must be at least 1, got " + k);
            }
        }

        @Override
        public String id() {
            return "topk";
        }

        @Override
        public void validateFor(int latents) {
            if (k > latents) {
                throw new InvalidInputException("--k " + k + " is larger than the number of latents (" + latents + ")");
            }
        }

        @Override
        public double[] apply(double[] z) {
            validateFor(z.length);
            double[] sorted = z.clone();
            Arrays.sort(sorted);
            double kth = sorted[z.length - k];
            double[] out = new double[z.length];
            for (int i = 0; i < z.length; i++) {
                out[i] = z[i] >= kth ? Math.max(0.0, z[i]) : 0.0;
            }
            return out;
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
                throw new InvalidInputException("--theta must be a finite number ≥ 0, got " + theta);
            }
        }

        @Override
        public String id() {
            return "jumprelu";
        }

        @Override
        public double[] apply(double[] z) {
            double[] out = new double[z.length];
            for (int i = 0; i < z.length; i++) {
                out[i] = z[i] > theta && z[i] > 0 ? z[i] : 0.0;
            }
            return out;
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
        public void validateFor(int latents) {
            if (thresholds.length != latents) {
                throw new InvalidInputException("JumpReLU has " + thresholds.length + " thresholds but the layer has "
                        + latents + " latents");
            }
        }

        @Override
        public double[] apply(double[] z) {
            validateFor(z.length);
            double[] out = new double[z.length];
            for (int i = 0; i < z.length; i++) {
                out[i] = z[i] > thresholds[i] && z[i] > 0 ? z[i] : 0.0;
            }
            return out;
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

}
