package dev.saeexplorer.core.polysemy;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Param;
import dev.saeexplorer.core.sae.BatchSource;
import dev.saeexplorer.core.superposition.SparseSampler;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws from a {@link PolysemyWorld}: PS-Eval pairs with known labels, and SAE training contexts. Everything is
 * deterministic for its seed: word, sense and label choices come from {@code SplittableRandom(seed)}, the background of
 * the contexts, in drawing order, from {@link PolysemyWorld#backgroundSampler}{@code (seed + BACKGROUND_OFFSET)}.
 */
public final class PolysemySamples {
    static final long BACKGROUND_OFFSET = 0x5DEECE66DL;

    private PolysemySamples() {
    }

    /**
     * {@code count} pairs. For each: a word uniform over the W words; with probability 1/2 one sense uniform over the K
     * senses used twice (label 1), otherwise two different senses (the first uniform over K, the second uniform over the
     * other K − 1; label 0). Context 1 then context 2 draw their own background.
     */
    public static List<PolysemyPair> pairs(PolysemyWorld world, int count, long seed) {
        if (count < 1) {
            throw InvalidInputException.of(Param.PAIRS, "must be at least 1, got " + count);
        }
        SplittableRandom random = new SplittableRandom(seed);
        SparseSampler background = world.backgroundSampler(seed + BACKGROUND_OFFSET);
        int k = world.senses();
        List<PolysemyPair> pairs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int word = random.nextInt(world.words());
            boolean same = random.nextBoolean();
            int s1 = random.nextInt(k);
            int s2 = same ? s1 : (s1 + 1 + random.nextInt(k - 1)) % k;
            double[] x1 = world.context(word, s1, background);
            double[] x2 = world.context(word, s2, background);
            pairs.add(new PolysemyPair(word, s1, s2, same ? 1 : 0, x1, x2));
        }
        return pairs;
    }

    /** One training context's ground truth: a word uniform over W, a sense uniform over K, its own background. */
    static double[] context(PolysemyWorld world, SplittableRandom random, SparseSampler background) {
        int word = random.nextInt(world.words());
        int sense = random.nextInt(world.senses());
        return world.context(word, sense, background);
    }

    /** {@code count} training observations x_p, [count][n_p], in double precision. */
    public static double[][] observations(PolysemyWorld world, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        SparseSampler background = world.backgroundSampler(seed + BACKGROUND_OFFSET);
        double[][] xp = new double[count][];
        for (int i = 0; i < count; i++) {
            xp[i] = world.observe(context(world, random, background));
        }
        return xp;
    }

    /** Per-dimension variance of x_p over {@code count} training contexts (the WSAE's s_i). */
    public static double[] inputVariance(PolysemyWorld world, int count, long seed) {
        double[][] xp = observations(world, count, seed);
        int d = world.dims();
        double[] mean = new double[d];
        for (double[] row : xp) {
            for (int i = 0; i < d; i++) {
                mean[i] += row[i];
            }
        }
        for (int i = 0; i < d; i++) {
            mean[i] /= count;
        }
        double[] var = new double[d];
        for (double[] row : xp) {
            for (int i = 0; i < d; i++) {
                double e = row[i] - mean[i];
                var[i] += e * e;
            }
        }
        for (int i = 0; i < d; i++) {
            var[i] /= count;
        }
        return var;
    }

    /** An endless stream of training batches x_p [batch, n_p] (float, row-major) of random contexts. */
    public static BatchSource batches(PolysemyWorld world, int batch, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        SparseSampler background = world.backgroundSampler(seed + BACKGROUND_OFFSET);
        int d = world.dims();
        float[] out = new float[batch * d];
        return new BatchSource() {
            @Override
            public float[] next() {
                for (int r = 0; r < batch; r++) {
                    double[] xp = world.observe(context(world, random, background));
                    for (int i = 0; i < d; i++) {
                        out[r * d + i] = (float) xp[i];
                    }
                }
                return out;
            }

            @Override
            public int batch() {
                return batch;
            }

            @Override
            public int inputDim() {
                return d;
            }
        };
    }
}
