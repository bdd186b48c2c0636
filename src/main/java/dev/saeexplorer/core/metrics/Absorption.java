package dev.saeexplorer.core.metrics;

import dev.saeexplorer.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Feature absorption in a hierarchical synthetic world (issue 13): how often a child's latent stays silent while its
 * parent's latent carries it. It is read off the same sample X [N][n], F [N][m] and the same feature → latent matching
 * π as the MCC ({@link GroundTruthRecovery#latentOfFeature()}, maximum Σ|ρ|); neither the matching nor the
 * correlations are computed again here.
 *
 * <h2>Definition</h2>
 * For a hierarchy edge e = (p → c), over the samples where both features are active,
 * C_e = {b : X_bp &gt; 0 and X_bc &gt; 0}:
 * <pre>
 *   absorption_e = |{b ∈ C_e : F_b,π(c) = 0 and F_b,π(p) &gt; 0}| / |C_e|
 *   absorption   = (1/|E'|) Σ_{e ∈ E'} absorption_e,
 *   E' = {e = (p → c) : π(p) ≠ none, π(c) ≠ none, C_e ≠ ∅}.
 * </pre>
 * "Silent" is F ≤ 0, which for the SAE's non-negative activations is F = 0. An edge with an unmatched feature or never
 * co-active in the sample has no absorption_e (null) and is left out of the mean; the rate is {@code null} when E' is
 * empty (a world without hierarchy, or no edge ever co-active). absorption_e ∈ [0, 1]: 1 when the child's latent is
 * always silent while the parent's fires on the samples where both features are present, 0 when it never is.
 *
 * @param rate  the mean of absorption_e over E'; null when E' is empty
 * @param edges one entry per given edge, in the given order
 */
public record Absorption(Double rate, List<EdgeAbsorption> edges) {

    public Absorption {
        edges = List.copyOf(edges);
    }

    /**
     * One hierarchy edge's absorption.
     *
     * @param parent     feature p
     * @param child      feature c
     * @param coActive   |C_e|, the samples where both features are active
     * @param absorption absorption_e; null when p or c has no latent or the edge is never co-active
     */
    public record EdgeAbsorption(int parent, int child, int coActive, Double absorption) {
    }

    /**
     * @param x        ground truth [N][n], as given to {@link GroundTruthRecovery#compute}
     * @param f        latent activations [N][m] for the same samples
     * @param recovery {@link GroundTruthRecovery#compute}(x, f): its matching π is the one used
     * @param edges    hierarchy edges as {parent, child} feature indices in [0, n); may be empty
     */
    public static Absorption compute(double[][] x, double[][] f, GroundTruthRecovery recovery, int[][] edges) {
        int[] latentOf = recovery.latentOfFeature();
        int n = latentOf.length;
        if (x.length != f.length) {
            throw new InvalidInputException("absorption needs the same samples of x and f, got " + x.length + " and "
                    + f.length);
        }
        List<EdgeAbsorption> out = new ArrayList<>(edges.length);
        double sum = 0;
        int counted = 0;
        for (int[] e : edges) {
            if (e.length != 2 || e[0] < 0 || e[0] >= n || e[1] < 0 || e[1] >= n) {
                throw new InvalidInputException("absorption: an edge must be {parent, child} in [0, " + n + ")");
            }
            int p = e[0];
            int c = e[1];
            int jp = latentOf[p];
            int jc = latentOf[c];
            int coActive = 0;
            int absorbed = 0;
            for (int b = 0; b < x.length; b++) {
                if (x[b][p] > 0 && x[b][c] > 0) {
                    coActive++;
                    if (jp >= 0 && jc >= 0 && f[b][jc] <= 0 && f[b][jp] > 0) {
                        absorbed++;
                    }
                }
            }
            Double value = null;
            if (jp >= 0 && jc >= 0 && coActive > 0) {
                value = (double) absorbed / coActive;
                sum += value;
                counted++;
            }
            out.add(new EdgeAbsorption(p, c, coActive, value));
        }
        return new Absorption(counted == 0 ? null : sum / counted, out);
    }
}
