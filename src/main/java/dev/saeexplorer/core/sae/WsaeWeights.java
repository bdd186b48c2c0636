package dev.saeexplorer.core.sae;

/**
 * The WSAE's per-dimension weights γ (design/MATH.md): raw γ_i = s_i^α, and the same rescaled so that mean γ_i² = 1,
 * which leaves the optimum unchanged and keeps losses comparable with the SAE's.
 */
public record WsaeWeights(double[] raw, double[] normalised) {

    /** Γ = I. */
    public static WsaeWeights uniform(int dims) {
        double[] ones = new double[dims];
        java.util.Arrays.fill(ones, 1.0);
        return new WsaeWeights(ones, ones.clone());
    }

    /** γ_i = s_i^α from the per-dimension variances s_i of the input. */
    public static WsaeWeights fromVariance(double[] variance, double alpha) {
        double[] raw = new double[variance.length];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = Math.pow(Math.max(variance[i], 0.0), alpha);
        }
        return normalise(raw);
    }

    /**
     * The oracle: γ_i ∝ 1 / (number of features j with |W_p[i, j]| > 0.1), a dimension that carries no feature counted as
     * carrying one.
     *
     * @param wp W_p, [n_p][n]
     */
    public static WsaeWeights oracle(double[][] wp) {
        double[] raw = new double[wp.length];
        for (int i = 0; i < wp.length; i++) {
            int count = 0;
            for (double entry : wp[i]) {
                if (Math.abs(entry) > 0.1) {
                    count++;
                }
            }
            raw[i] = 1.0 / Math.max(1, count);
        }
        return normalise(raw);
    }

    private static WsaeWeights normalise(double[] raw) {
        double meanSquare = 0;
        for (double g : raw) {
            meanSquare += g * g;
        }
        meanSquare /= raw.length;
        double[] norm = new double[raw.length];
        if (meanSquare == 0 || !Double.isFinite(meanSquare)) {
            java.util.Arrays.fill(norm, 1.0);
        } else {
            double scale = 1.0 / Math.sqrt(meanSquare);
            for (int i = 0; i < raw.length; i++) {
                norm[i] = raw[i] * scale;
            }
        }
        return new WsaeWeights(raw, norm);
    }
}
