package dev.saeexplorer.core;

import java.util.SplittableRandom;

/** Standard normal draws from a seeded generator, so every initialisation and preset is reproducible from its seed. */
public final class Gaussian {
    private Gaussian() {
    }

    /** One draw by Box–Muller. */
    public static double sample(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
