package dev.saeexplorer.ui.superposition;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Matrices;
import dev.saeexplorer.core.superposition.FeatureSampler;
import dev.saeexplorer.core.superposition.SparseSampler;
import dev.saeexplorer.core.superposition.Superposition;
import dev.saeexplorer.core.world.World;
import java.util.Arrays;

/**
 * Everything the playground's user controls, validated and immutable: every value the view model holds is a
 * consistent combination, so a refused edit can simply keep the previous state.
 *
 * @param superposition W_p
 * @param x             the ground-truth vector shown feature by feature (n values, ≥ 0)
 * @param sparsity      S ∈ [0, 1]
 * @param seed          seed of the sampler (resample and Monte-Carlo)
 * @param gamma         Γ's diagonal for the WSAE (n_p values ≥ 0), or null for none
 * @param samples       Monte-Carlo samples per sparsity point
 * @param world         how the curves' samples and Resample's x are drawn: its firing, magnitudes, groups and
 *                      hierarchy (its own W_p is not used; the playground's is); {@link PlaygroundWorlds#PAPER} by default
 */
record PlaygroundState(Superposition superposition, double[] x, double sparsity, long seed, double[] gamma,
                       int samples, World world) {
    static final int MIN_SAMPLES = 100;
    static final int MAX_SAMPLES = 1_000_000;
    static final int DEFAULT_SAMPLES = 20_000;

    PlaygroundState {
        if (superposition == null) {
            throw new InvalidInputException("W_p is missing");
        }
        x = checkX(x, superposition.features());
        SparseSampler.checkSparsity(sparsity);
        gamma = gamma == null ? null : checkGamma(gamma, superposition.dims());
        if (samples < MIN_SAMPLES || samples > MAX_SAMPLES) {
            throw new InvalidInputException("the Monte-Carlo sample count must be between " + MIN_SAMPLES + " and "
                    + MAX_SAMPLES + ", got " + samples);
        }
        world = world == null ? PlaygroundWorlds.PAPER : world;
        PlaygroundWorlds.checkFits(world, superposition.features());
    }

    PlaygroundState(Superposition superposition, double[] x, double sparsity, long seed, double[] gamma, int samples) {
        this(superposition, x, sparsity, seed, gamma, samples, PlaygroundWorlds.PAPER);
    }

    /** A sampler of the world at S with this state's n. */
    FeatureSampler sampler(double s, long samplerSeed) {
        return world.samplerAt(s, features(), samplerSeed);
    }

    int features() {
        return superposition.features();
    }

    int dims() {
        return superposition.dims();
    }

    /** Defensive copies: the arrays of a record are otherwise shared with whoever asks. */
    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] gamma() {
        return gamma == null ? null : gamma.clone();
    }

    PlaygroundState withSuperposition(Superposition sp, double[] newX, double[] newGamma) {
        return new PlaygroundState(sp, newX, sparsity, seed, newGamma, samples, PlaygroundWorlds.fitting(world, sp));
    }

    PlaygroundState withX(double[] newX) {
        return new PlaygroundState(superposition, newX, sparsity, seed, gamma, samples, world);
    }

    PlaygroundState withSparsity(double s) {
        return new PlaygroundState(superposition, x, s, seed, gamma, samples, world);
    }

    PlaygroundState withSeed(long s) {
        return new PlaygroundState(superposition, x, sparsity, s, gamma, samples, world);
    }

    PlaygroundState withGamma(double[] g) {
        return new PlaygroundState(superposition, x, sparsity, seed, g, samples, world);
    }

    PlaygroundState withWorld(World w) {
        return new PlaygroundState(superposition, x, sparsity, seed, gamma, samples, w);
    }

    PlaygroundState withSamples(int n) {
        return new PlaygroundState(superposition, x, sparsity, seed, gamma, n, world);
    }

    static double[] checkX(double[] x, int features) {
        if (x != null && x.length != features) {
            throw new InvalidInputException("x has " + x.length + " values but W_p has " + features
                    + " features (columns); type one value per feature");
        }
        double[] copy = Matrices.checkedCopy(x, features, "x");
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] < 0) {
                throw new InvalidInputException("x[" + i + "] is " + copy[i]
                        + ": ground-truth features are ≥ 0 (0 means the feature is inactive)");
            }
        }
        return copy;
    }

    static double[] checkGamma(double[] gamma, int dims) {
        if (gamma.length != dims) {
            throw new InvalidInputException("Γ has " + gamma.length + " weights but W_p has " + dims
                    + " dimensions (rows); type one weight per row, or leave Γ empty for no WSAE");
        }
        double[] copy = Matrices.checkedCopy(gamma, dims, "Γ");
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] < 0) {
                throw new InvalidInputException("Γ[" + i + "] is " + copy[i] + ": WSAE weights must be ≥ 0");
            }
        }
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PlaygroundState s && Arrays.deepEquals(superposition.matrix(), s.superposition.matrix())
                && Arrays.equals(x, s.x) && sparsity == s.sparsity && seed == s.seed && Arrays.equals(gamma, s.gamma)
                && samples == s.samples && world.equals(s.world);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(x) * 31 + Double.hashCode(sparsity);
    }

    @Override
    public String toString() {
        return "PlaygroundState[" + dims() + "×" + features() + ", S=" + sparsity + ", seed=" + seed + "]";
    }
}
