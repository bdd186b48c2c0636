package dev.saeexplorer.core.world;

import dev.saeexplorer.core.superposition.FeatureSampler;
import dev.saeexplorer.core.superposition.SparseSampler;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws x from a {@link World} (the steps are in its documentation). Deterministic for a seed. The WSAE paper's world
 * (uniform firing, uniform magnitudes, no groups, no hierarchy) is drawn by {@link SparseSampler} itself, so it gives
 * exactly today's values for the same seed; any other world costs O(n) draws per sample.
 */
public final class WorldSampler implements FeatureSampler {
    private final int n;
    private final FeatureSampler plain;
    private final SplittableRandom random;
    private final double[] ownProbability;
    private final int[][] groupFeatures;
    private final double[] groupProbability;
    private final int[] edgeParent;
    private final int[] edgeChild;
    private final World.Magnitude magnitude;
    private final boolean[] on;

    /** A sampler of {@code world} with n features; the world is checked first. */
    public WorldSampler(World world, int n, long seed) {
        if (n < 1) {
            throw World.invalid("W_p has no features");
        }
        List<World.Edge> edges = world.check(n);
        this.n = n;
        this.magnitude = world.magnitude();
        if (world.firing() instanceof World.Firing.Uniform u && world.magnitude() instanceof World.Magnitude.Uniform
                && world.groups().isEmpty() && edges.isEmpty()) {
            this.plain = new SparseSampler(n, u.sparsity(), seed);
            this.random = null;
            this.ownProbability = null;
            this.groupFeatures = null;
            this.groupProbability = null;
            this.edgeParent = null;
            this.edgeChild = null;
            this.on = null;
            return;
        }
        this.plain = null;
        this.random = new SplittableRandom(seed);
        this.ownProbability = world.firingProbabilities(n);
        this.edgeParent = new int[edges.size()];
        this.edgeChild = new int[edges.size()];
        for (int k = 0; k < edges.size(); k++) {
            World.Edge e = edges.get(k);
            edgeParent[k] = e.parent();
            edgeChild[k] = e.child();
            ownProbability[e.child()] = e.probability(); // a child fires on its own with q, not p_i
        }
        this.groupFeatures = new int[world.groups().size()][];
        this.groupProbability = new double[world.groups().size()];
        for (int g = 0; g < groupFeatures.length; g++) {
            groupFeatures[g] = world.groups().get(g).features().stream().mapToInt(Integer::intValue).toArray();
            groupProbability[g] = world.groups().get(g).probability();
        }
        this.on = new boolean[n];
    }

    @Override
    public int features() {
        return n;
    }

    @Override
    public int nextActive(int[] indices, double[] values) {
        if (plain != null) {
            return plain.nextActive(indices, values);
        }
        for (int i = 0; i < n; i++) {
            on[i] = random.nextDouble() < ownProbability[i]; // p = 1 always fires, p = 0 never
        }
        for (int g = 0; g < groupFeatures.length; g++) {
            if (random.nextDouble() < groupProbability[g]) {
                for (int f : groupFeatures[g]) {
                    on[f] = true;
                }
            }
        }
        for (int k = 0; k < edgeChild.length; k++) { // parents first, so a switched-off parent switches off its line
            if (!on[edgeParent[k]]) {
                on[edgeChild[k]] = false;
            }
        }
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (on[i]) {
                indices[count] = i;
                values[count] = magnitude();
                count++;
            }
        }
        return count;
    }

    private double magnitude() {
        if (magnitude instanceof World.Magnitude.Constant c) {
            return c.value();
        }
        if (magnitude instanceof World.Magnitude.Exponential e) {
            return -e.mean() * Math.log(1.0 - random.nextDouble()); // 1 − u in (0, 1]: finite, ≥ 0
        }
        return 1.0 - random.nextDouble(); // Uniform(0, 1]
    }
}
