package dev.saeexplorer.core.superposition;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Param;
import dev.saeexplorer.core.compute.TaskMonitor;

/** Monte-Carlo statistics of the closed-form SAE over sparse samples (design/MATH.md). */
public final class MonteCarlo {
    private final ClosedForm closedForm;

    public MonteCarlo(ClosedForm closedForm) {
        this.closedForm = closedForm;
    }

    /**
     * Means over {@code samples} draws at sparsity S with the given seed. Γ (gamma) is optional.
     *
     * <p>A fused loop rather than {@link ClosedForm#evaluate} per sample: x is drawn as its active features, so
     * x_p = W_p x costs O(active · n_p); z = W_pᵀ x_p is one pass over W_p's rows (which HotSpot vectorises); the
     * reconstruction W_p x_m visits only the features x_m keeps; no array is allocated per sample. At W_m = W_pᵀ the
     * gaps equal L_SAE − L_GT and L_WSAE − L_GT exactly (Theorems 4 and 5), which is how they are accumulated here;
     * {@link ClosedForm} computes them from the quadratic form, and the tests check the two agree.
     */
    public SampleStats run(double sparsity, int samples, long seed, double[] gamma, TaskMonitor monitor) {
        checkSamples(samples);
        return run(new SparseSampler(closedForm.superposition().features(), sparsity, seed), sparsity, samples, gamma,
                monitor);
    }

    /**
     * The same means over {@code samples} draws of another world's {@code sampler} (its n must be W_p's);
     * {@code sparsity} is only what the result reports.
     */
    public SampleStats run(FeatureSampler sampler, double sparsity, int samples, double[] gamma, TaskMonitor monitor) {
        checkSamples(samples);
        Superposition sp = closedForm.superposition();
        if (sampler.features() != sp.features()) {
            throw new IllegalArgumentException("the sampler draws " + sampler.features() + " features, W_p has "
                    + sp.features());
        }
        double[] g = gamma == null ? null : sp.checkGamma(gamma);
        int n = sp.features();
        int np = sp.dims();
        double[][] w = sp.matrix();
        double[][] columns = dev.saeexplorer.core.Matrices.transpose(w); // columns[i] = W_p[:, i], contiguous
        int[] idx = new int[n];
        double[] val = new double[n];
        double[] x = new double[n];
        double[] xp = new double[np];
        double[] z = new double[n];
        double[] xm = new double[n];
        double[] recon = new double[np];
        int[] kept = new int[n];
        double lossSae = 0, lossGt = 0, lossWsae = 0;
        long active = 0, shrunk = 0, vanished = 0;
        double sumX = 0, sumXm = 0;
        int reportEvery = Math.max(1, Math.min(1000, samples / 100));
        for (int s = 0; s < samples; s++) {
            int count = sampler.nextActive(idx, val);
            java.util.Arrays.fill(xp, 0.0);
            for (int a = 0; a < count; a++) {
                int i = idx[a];
                double v = val[a];
                x[i] = v;
                double[] col = columns[i];
                for (int k = 0; k < xp.length; k++) {
                    xp[k] += col[k] * v;
                }
            }
            java.util.Arrays.fill(z, 0.0);
            for (int k = 0; k < np; k++) {
                double c = xp[k];
                double[] row = w[k];
                for (int i = 0; i < z.length; i++) {
                    z[i] += c * row[i];
                }
            }
            closedForm.activation().apply(z, xm);
            double gt = 0;
            int keptCount = 0;
            for (int i = 0; i < n; i++) {
                double m = xm[i];
                double d = x[i] - m;
                gt += d * d;
                if (m != 0.0) {
                    kept[keptCount++] = i;
                }
            }
            java.util.Arrays.fill(recon, 0.0);
            for (int a = 0; a < keptCount; a++) {
                int i = kept[a];
                double m = xm[i];
                double[] col = columns[i];
                for (int k = 0; k < recon.length; k++) {
                    recon[k] += col[k] * m;
                }
            }
            double sae = 0;
            double wsae = 0;
            for (int k = 0; k < np; k++) {
                double r = xp[k] - recon[k];
                sae += r * r;
                if (g != null) {
                    wsae += g[k] * g[k] * r * r;
                }
            }
            lossSae += sae;
            lossGt += gt;
            lossWsae += wsae;
            for (int a = 0; a < count; a++) {
                int i = idx[a];
                double m = xm[i];
                active++;
                sumX += x[i];
                sumXm += m;
                FeatureStatus st = FeatureStatus.classify(x[i], m);
                if (st == FeatureStatus.SHRUNK) {
                    shrunk++;
                } else if (st == FeatureStatus.VANISHED) {
                    vanished++;
                }
                x[i] = 0.0;
            }
            if (s % reportEvery == 0) {
                monitor.checkCancelled();
                monitor.report((double) s / samples, "sampling");
            }
        }
        monitor.report(1.0, "done");
        Double fracShrunk = active == 0 ? null : (double) shrunk / active;
        Double fracVanished = active == 0 ? null : (double) vanished / active;
        Double recovery = sumX == 0 ? null : sumXm / sumX;
        return new SampleStats(samples, sparsity, lossSae / samples, lossGt / samples, (lossSae - lossGt) / samples,
                g == null ? null : lossWsae / samples, g == null ? null : (lossWsae - lossGt) / samples,
                fracShrunk, fracVanished, recovery);
    }

    private static void checkSamples(int samples) {
        if (samples < 1) {
            throw InvalidInputException.of(Param.SAMPLES, "must be at least 1, got " + samples);
        }
    }
}
