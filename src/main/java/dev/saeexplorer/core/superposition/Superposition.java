package dev.saeexplorer.core.superposition;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Matrices;
import dev.saeexplorer.core.Param;

/**
 * A superposition matrix W_p ∈ ℝ^{n_p×n} (row-major, finite, n_p ≤ n) that maps ground-truth features x ∈ ℝⁿ to the
 * polysemantic input x_p = W_p x. Immutable.
 */
public final class Superposition {
    private final double[][] wp;
    private final double[][] gram;

    private Superposition(double[][] wp) {
        this.wp = wp;
        this.gram = Matrices.multiply(Matrices.transpose(wp), wp);
    }

    /** Validates W_p: non-empty, rectangular, finite, with no more dimensions than features. */
    public static Superposition of(double[][] wp) {
        double[][] copy = Matrices.checkedCopy(wp, "W_p");
        if (copy.length > copy[0].length) {
            throw new InvalidInputException("W_p is " + copy.length + "×" + copy[0].length
                    + ": it needs n_p ≤ n (rows are dimensions, columns are features)");
        }
        Superposition sp = new Superposition(copy);
        for (double[] row : sp.gram) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    throw new InvalidInputException("W_p's entries are too large: W_pᵀ W_p overflows; rescale W_p");
                }
            }
        }
        return sp;
    }

    /** n_p, the number of polysemantic dimensions (rows). */
    public int dims() {
        return wp.length;
    }

    /** n, the number of ground-truth features (columns). */
    public int features() {
        return wp[0].length;
    }

    public double[][] matrix() {
        return Matrices.checkedCopy(wp, "W_p");
    }

    public double entry(int row, int col) {
        return wp[row][col];
    }

    /** G = W_pᵀ W_p, n×n. A copy. */
    public double[][] gram() {
        double[][] g = new double[gram.length][];
        for (int i = 0; i < gram.length; i++) {
            g[i] = gram[i].clone();
        }
        return g;
    }

    double gramEntry(int i, int j) {
        return gram[i][j];
    }

    /** x_p = W_p x. */
    public double[] project(double[] x) {
        return Matrices.multiply(wp, x);
    }

    /** W_pᵀ v for v ∈ ℝ^{n_p}. */
    public double[] transposeTimes(double[] v) {
        int n = features();
        double[] out = new double[n];
        for (int r = 0; r < wp.length; r++) {
            double vr = v[r];
            if (vr == 0) {
                continue;
            }
            for (int c = 0; c < n; c++) {
                out[c] += wp[r][c] * vr;
            }
        }
        return out;
    }

    /** W_pᵀ Γ² W_p for Γ = diag(γ). */
    public double[][] weightedGram(double[] gamma) {
        int n = features();
        double[][] g = new double[n][n];
        for (int r = 0; r < wp.length; r++) {
            double w = gamma[r] * gamma[r];
            for (int i = 0; i < n; i++) {
                double a = wp[r][i] * w;
                if (a == 0) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    g[i][j] += a * wp[r][j];
                }
            }
        }
        return g;
    }

    /** Checks γ for use as Γ = diag(γ): n_p finite, non-negative entries. */
    public double[] checkGamma(double[] gamma) {
        double[] g = Matrices.checkedCopy(gamma, dims(), Param.GAMMA);
        for (int i = 0; i < g.length; i++) {
            if (g[i] < 0) {
                throw InvalidInputException.worded(Param.GAMMA, Param.GAMMA, "[" + i + "] is " + g[i]
                        + ": weights must be ≥ 0");
            }
        }
        return g;
    }
}
