package dev.saeexplorer.core.superposition;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Matrices;
import dev.saeexplorer.core.Param;
import dev.saeexplorer.core.sae.Activation;

/**
 * The closed-form SAE of Theorems 1–3, W_m = W_pᵀ, evaluated on one ground-truth vector x in float64: x_p, x_m, the
 * per-feature statuses, the losses and the Theorem 4/5 gaps (design/MATH.md).
 */
public final class ClosedForm {
    private final Superposition sp;
    private final Activation activation;

    public ClosedForm(Superposition sp, Activation activation) {
        activation.validateFor(sp.features());
        this.sp = sp;
        this.activation = activation;
    }

    public Superposition superposition() {
        return sp;
    }

    public Activation activation() {
        return activation;
    }

    /** Evaluates at x; gamma (n_p weights) is optional and adds the WSAE loss and gap. */
    public ClosedFormResult evaluate(double[] x, double[] gamma) {
        double[] checkedX = Matrices.checkedCopy(x, sp.features(), Param.X);
        for (int i = 0; i < checkedX.length; i++) {
            if (checkedX[i] < 0) {
                throw InvalidInputException.worded(Param.X, Param.X, "[" + i + "] is " + checkedX[i]
                        + ": ground-truth features are non-negative (0 means inactive)");
            }
        }
        double[] checkedGamma = gamma == null ? null : sp.checkGamma(gamma);
        return evaluateChecked(checkedX, checkedGamma);
    }

    ClosedFormResult evaluateChecked(double[] x, double[] gamma) {
        int n = sp.features();
        double[] xp = sp.project(x);
        double[] xm = activation.apply(sp.transposeTimes(xp));
        FeatureStatus[] status = new FeatureStatus[n];
        for (int i = 0; i < n; i++) {
            status[i] = FeatureStatus.classify(x[i], xm[i]);
        }
        // Tied, bias-free theory SAE: reconstruction x̃_p = W_m^T x_m = W_p x_m.
        double[] xpTilde = sp.project(xm);
        double lossSae = Matrices.squaredDistance(xp, xpTilde);
        double lossGt = Matrices.squaredDistance(x, xm);
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = x[i] - xm[i];
        }
        double gapSae = quadraticGap(e, null);
        Double lossWsae = null;
        Double gapWsae = null;
        if (gamma != null) {
            double s = 0;
            for (int r = 0; r < xp.length; r++) {
                double d = gamma[r] * (xp[r] - xpTilde[r]);
                s += d * d;
            }
            lossWsae = s;
            gapWsae = quadraticGap(e, gamma);
        }
        return new ClosedFormResult(xp, xm, status, lossSae, lossGt, gapSae, lossWsae, gapWsae);
    }

    /**
     * eᵀ (W_pᵀ Γ² W_p − I) e, computed as ‖Γ W_p e‖² − ‖e‖² (Γ = I when gamma is null), which is the same quadratic form
     * without building the n×n matrix.
     */
    private double quadraticGap(double[] e, double[] gamma) {
        double[] we = sp.project(e);
        double s = 0;
        for (int r = 0; r < we.length; r++) {
            double g = gamma == null ? 1.0 : gamma[r];
            s += g * g * we[r] * we[r];
        }
        double ee = 0;
        for (double v : e) {
            ee += v * v;
        }
        return s - ee;
    }
}
