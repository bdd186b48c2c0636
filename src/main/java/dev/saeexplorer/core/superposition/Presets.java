package dev.saeexplorer.core.superposition;

import dev.saeexplorer.core.Gaussian;
import dev.saeexplorer.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Named W_p matrices for teaching and tests (design/PRODUCT.md). */
public final class Presets {
    private Presets() {
    }

    /** The paper's Example 1: feature 0 monosemantic, features 1 and 2 an antipodal pair (a digon). */
    public static Superposition example1() {
        return Superposition.of(new double[][] {{1, 0, 0}, {0, 1, -1}});
    }

    /** The paper's Example 2: three features at 120° in the plane (a triangle). */
    public static Superposition example2() {
        double h = Math.sqrt(3) / 2;
        return Superposition.of(new double[][] {{0, h, -h}, {1, -0.5, -0.5}});
    }

    /** No superposition: W_p = I (n_p = n). */
    public static Superposition identity(int n) {
        requirePositive(n, "n");
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1;
        }
        return Superposition.of(m);
    }

    /** n_p digons: dimension k holds features 2k (+1) and 2k+1 (−1); n = 2·n_p. */
    public static Superposition digons(int dims) {
        requirePositive(dims, "n_p");
        double[][] m = new double[dims][2 * dims];
        for (int k = 0; k < dims; k++) {
            m[k][2 * k] = 1;
            m[k][2 * k + 1] = -1;
        }
        return Superposition.of(m);
    }

    /**
     * {@code planes} triangles, each in its own plane: features 3k, 3k+1, 3k+2 at 0°, 120° and 240° in dimensions 2k and
     * 2k+1 (n = 3·planes, n_p = 2·planes). Every interference is −½ or 0, so Theorem 2's condition holds while each plane
     * carries one feature more than it has dimensions: the issue-13 setting in which an SAE should recover every feature.
     */
    public static Superposition triangles(int planes) {
        requirePositive(planes, "the number of planes");
        double[][] m = new double[2 * planes][3 * planes];
        Superposition one = regularPolygon(3);
        for (int k = 0; k < planes; k++) {
            for (int j = 0; j < 3; j++) {
                m[2 * k][3 * k + j] = one.matrix()[0][j];
                m[2 * k + 1][3 * k + j] = one.matrix()[1][j];
            }
        }
        return Superposition.of(m);
    }

    /**
     * k unit vectors at angles 2πj/k in the plane (n_p = 2). k = 3 meets Theorem 1's polygon condition; for k ≥ 5
     * neighbours interfere positively, which the geometry check reports.
     */
    public static Superposition regularPolygon(int k) {
        if (k < 3) {
            throw new InvalidInputException("a regular polygon needs at least 3 vertices, got " + k);
        }
        double[][] m = new double[2][k];
        for (int j = 0; j < k; j++) {
            double angle = 2 * Math.PI * j / k;
            m[0][j] = clean(Math.cos(angle));
            m[1][j] = clean(Math.sin(angle));
        }
        return Superposition.of(m);
    }

    /**
     * A random W_p whose columns never interfere positively: features fall into random groups of size p, each group a
     * regular simplex (pairwise −1/(p−1), a digon for p = 2) in its own max(1, p−1) dimensions, columns scaled by random
     * magnitudes in [0.5, 1], the whole rotated at random and its columns shuffled. At most 2·n_p vectors in ℝ^{n_p}
     * can have pairwise non-positive inner products, so n ≤ 2·n_p is required.
     */
    public static Superposition randomNonPositive(int dims, int features, long seed) {
        requirePositive(dims, "n_p");
        requirePositive(features, "n");
        if (features < dims) {
            throw new InvalidInputException("n (" + features + ") must be at least n_p (" + dims + ")");
        }
        if (features > 2 * dims) {
            throw new InvalidInputException("no W_p with non-positive interference has n = " + features + " > 2·n_p = "
                    + 2 * dims + " columns; use fewer features or more dimensions");
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[][] blocks = new double[dims][features];
        int nextFeature = 0;
        int nextDim = 0;
        while (nextFeature < features) {
            int remainingFeatures = features - nextFeature;
            int remainingDims = dims - nextDim;
            List<Integer> feasible = new ArrayList<>();
            for (int p = 1; p <= Math.min(remainingFeatures, 5); p++) {
                int used = Math.max(1, p - 1);
                if (used <= remainingDims && remainingFeatures - p <= 2 * (remainingDims - used)) {
                    feasible.add(p);
                }
            }
            int p = feasible.get(random.nextInt(feasible.size()));
            double[][] simplex = simplex(p);
            for (int a = 0; a < p; a++) {
                double magnitude = 0.5 + 0.5 * random.nextDouble();
                for (int d = 0; d < simplex.length; d++) {
                    blocks[nextDim + d][nextFeature + a] = magnitude * simplex[d][a];
                }
            }
            nextFeature += p;
            nextDim += Math.max(1, p - 1);
        }
        double[][] rotation = randomOrthogonal(dims, random);
        int[] order = shuffled(features, random);
        double[][] m = new double[dims][features];
        for (int r = 0; r < dims; r++) {
            for (int c = 0; c < features; c++) {
                double s = 0;
                for (int k = 0; k < dims; k++) {
                    s += rotation[r][k] * blocks[k][order[c]];
                }
                m[r][c] = s;
            }
        }
        return Superposition.of(m);
    }

    /** p unit vectors in max(1, p−1) dimensions with pairwise inner product −1/(p−1): a regular simplex. */
    static double[][] simplex(int p) {
        if (p == 1) {
            return new double[][] {{1}};
        }
        // Centred standard basis vectors of ℝ^p span a (p−1)-dimensional subspace; express them in an orthonormal basis of it.
        double[][] centred = new double[p][p];
        for (int a = 0; a < p; a++) {
            for (int d = 0; d < p; d++) {
                centred[a][d] = (a == d ? 1.0 : 0.0) - 1.0 / p;
            }
        }
        double[][] basis = gramSchmidt(centred, p - 1);
        double[][] coords = new double[p - 1][p];
        for (int a = 0; a < p; a++) {
            double norm = 0;
            for (int b = 0; b < p - 1; b++) {
                double dot = 0;
                for (int d = 0; d < p; d++) {
                    dot += basis[b][d] * centred[a][d];
                }
                coords[b][a] = dot;
                norm += dot * dot;
            }
            norm = Math.sqrt(norm);
            for (int b = 0; b < p - 1; b++) {
                coords[b][a] /= norm;
            }
        }
        return coords;
    }

    private static double[][] gramSchmidt(double[][] vectors, int count) {
        int dim = vectors[0].length;
        double[][] basis = new double[count][];
        for (int b = 0; b < count; b++) {
            double[] v = vectors[b].clone();
            for (int prev = 0; prev < b; prev++) {
                double dot = 0;
                for (int d = 0; d < dim; d++) {
                    dot += v[d] * basis[prev][d];
                }
                for (int d = 0; d < dim; d++) {
                    v[d] -= dot * basis[prev][d];
                }
            }
            double norm = 0;
            for (double x : v) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            for (int d = 0; d < dim; d++) {
                v[d] /= norm;
            }
            basis[b] = v;
        }
        return basis;
    }

    private static double[][] randomOrthogonal(int n, SplittableRandom random) {
        double[][] gaussian = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                gaussian[i][j] = Gaussian.sample(random);
            }
        }
        double[][] rows = gramSchmidt(gaussian, n);
        return rows;
    }

    private static int[] shuffled(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static double clean(double v) {
        return Math.abs(v) < 1e-15 ? 0.0 : v;
    }

    private static void requirePositive(int value, String name) {
        if (value < 1) {
            throw new InvalidInputException(name + " must be at least 1, got " + value);
        }
    }
}
