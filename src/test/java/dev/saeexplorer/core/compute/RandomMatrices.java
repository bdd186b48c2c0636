package dev.saeexplorer.core.compute;

import java.util.SplittableRandom;

/** Uniform random test matrices in [−1, 1). */
public final class RandomMatrices {
    private RandomMatrices() {
    }

    public static float[][] uniform(SplittableRandom rng, int rows, int cols) {
        float[][] m = new float[rows][cols];
        for (float[] r : m) {
            for (int j = 0; j < cols; j++) {
                r[j] = (float) (rng.nextDouble() * 2 - 1);
            }
        }
        return m;
    }
}
