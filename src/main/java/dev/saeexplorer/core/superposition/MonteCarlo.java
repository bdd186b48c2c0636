package dev.saeexplorer.core.superposition;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.compute.TaskMonitor;

/** Monte-Carlo statistics of the closed-form SAE over sparse samples (design/MATH.md). */
public final class MonteCarlo {
    private final ClosedForm closedForm;

    public MonteCarlo(ClosedForm closedForm) {
        this.closedForm = closedForm;
    }

    /**
     * Means over {@code samples} draws at sparsity S with the given seed. Γ (gamma) is optional.
     */
    public SampleStats run(double sparsity, int samples, long seed, double[] gamma, TaskMonitor monitor) {
        if (samples < 1) {
            throw new InvalidInputException("--samples must be at least 1, got " + samples);
        }
        Superposition sp = closedForm.superposition();
        double[] g = gamma == null ? null : sp.checkGamma(gamma);
        SparseSampler sampler = new SparseSampler(sp.features(), sparsity, seed);
        double lossSae = 0, lossGt = 0, gapSae = 0, lossWsae = 0, gapWsae = 0;
        long active = 0, shrunk = 0, vanished = 0;
        double sumX = 0, sumXm = 0;
        int reportEvery = Math.max(1, samples / 100);
        for (int s = 0; s < samples; s++) {
            double[] x = sampler.next();
            ClosedFormResult r = closedForm.evaluateChecked(x, g);
            lossSae += r.lossSAE();
            lossGt += r.lossGT();
            gapSae += r.gapSAE();
            if (g != null) {
                lossWsae += r.lossWSAE();
                gapWsae += r.gapWSAE();
            }
            for (int i = 0; i < x.length; i++) {
                if (x[i] > 0) {
                    active++;
                    sumX += x[i];
                    sumXm += r.xm()[i];
                    FeatureStatus st = r.status()[i];
                    if (st == FeatureStatus.SHRUNK) {
                        shrunk++;
                    } else if (st == FeatureStatus.VANISHED) {
                        vanished++;
                    }
                }
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
        return new SampleStats(samples, sparsity, lossSae / samples, lossGt / samples, gapSae / samples,
                g == null ? null : lossWsae / samples, g == null ? null : gapWsae / samples,
                fracShrunk, fracVanished, recovery);
    }
}
