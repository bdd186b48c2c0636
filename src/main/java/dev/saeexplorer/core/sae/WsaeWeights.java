package dev.saeexplorer.core.sae;

/**
 * The WSAE's per-dimension weights γ (design/MATH.md): {@code raw} γ_i = s_i^α, and {@code applied}, the γ the loss
 * uses. Normally applied is raw rescaled to mean γ_i² = 1. Without the L1 term that rescaling would leave the optimum
 * unchanged; with it, it does not: it multiplies the reconstruction term and so sets the WSAE's L1 penalty relative to
 * the SAE's (an effective λ / mean γ²). Rescaled, the WSAE and the SAE are trained at the same effective λ, which is
 * the comparison the paper's Figure 3 intends; {@link #unscaled} keeps the paper's raw γ for comparing both readings.
 */
public record WsaeWeights(double[] raw, double[] applied) {

    /**
     * Γ for a run weighted by {@code w}: I for the SAE, from the input's per-dimension variance (asked for only when
     * needed) or the oracle's from W_p.
     *
     * @param wp W_p [n_p][n], or null where it is unknown (then the oracle is refused)
     */
    public static WsaeWeights of(Weighting w, int dims, double alpha, java.util.function.Supplier<double[]> variance,
                                 double[][] wp) {
        return switch (w) {
            case NONE -> uniform(dims);
            case VARIANCE -> fromVariance(variance.get(), alpha);
            case VARIANCE_RAW -> unscaled(variance.get(), alpha);
            case ORACLE -> {
                if (wp == null) {
                    throw new dev.saeexplorer.core.InvalidInputException(
                            "oracle weights need a known W_p: use none, variance or variance-raw");
                }
                yield oracle(wp);
            }
        };
    }

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

    /** γ_i = s_i^α applied as they are, not rescaled ({@link Weighting#VARIANCE_RAW}). */
    public static WsaeWeights unscaled(double[] variance, double alpha) {
        double[] raw = fromVariance(variance, alpha).raw();
        return new WsaeWeights(raw, raw.clone());
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
