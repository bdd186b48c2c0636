package dev.saeexplorer.core.superposition;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Param;
import java.util.SplittableRandom;

/**
 * Draws ground-truth features x ∈ ℝⁿ with i.i.d. coordinates: 0 with probability S, otherwise Uniform(0, 1]
 * (design/MATH.md). Deterministic for a seed.
 */
public final class SparseSampler implements FeatureSampler {
    private final int features;
    private final double sparsity;
    private final SplittableRandom random;
    private final double logSparsity;

    public SparseSampler(int features, double sparsity, long seed) {
        if (features < 1) {
            throw new InvalidInputException("the number of features must be at least 1, got " + features);
        }
        checkSparsity(sparsity);
        this.features = features;
        this.sparsity = sparsity;
        this.random = new SplittableRandom(seed);
        this.logSparsity = Math.log(sparsity);
    }

    /** Sparsity S must lie in [0, 1]. */
    public static double checkSparsity(double sparsity) {
        if (!(sparsity >= 0 && sparsity <= 1)) {
            throw InvalidInputException.of(Param.SPARSITY, "must be in [0, 1], got " + sparsity);
        }
        return sparsity;
    }

    @Override
    public int features() {
        return features;
    }

    /**
     * Draws one sample as its active features: their indices (ascending) and values. The gaps between active features
     * are geometric, so a sample costs O(active features) draws rather than O(n), with the same distribution as n
     * independent Bernoulli(1 − S) draws.
     *
     * @return the number of active features written to {@code indices} and {@code values}
     */
    @Override
    public int nextActive(int[] indices, double[] values) {
        if (sparsity >= 1.0) {
            return 0;
        }
        int count = 0;
        int i = -1;
        while (true) {
            i += 1 + gap();
            if (i >= features || i < 0) {
                return count;
            }
            indices[count] = i;
            values[count] = 1.0 - random.nextDouble(); // Uniform(0, 1]
            count++;
        }
    }

    /** The number of inactive features before the next active one: Geometric(1 − S) on {0, 1, ...}. */
    private int gap() {
        if (sparsity == 0.0) {
            return 0;
        }
        double u = 1.0 - random.nextDouble(); // (0, 1], so the log is finite
        double g = Math.floor(Math.log(u) / logSparsity);
        return g >= features ? features : (int) g;
    }
}
