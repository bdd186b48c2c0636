package dev.saeexplorer.core.superposition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.sae.Activation;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fused Monte-Carlo loop against per-sample ClosedForm evaluation of the very same samples. */
class MonteCarloFusedLoopTest {

    @Test
    void fusedLoopMatchesClosedFormOnEverySampleForReluAndTopK() {
        SplittableRandom r = new SplittableRandom(5);
        double[][] wp = new double[4][9];
        for (double[] row : wp) {
            for (int j = 0; j < row.length; j++) {
                row[j] = r.nextDouble() * 2 - 1;
            }
        }
        Superposition sp = Superposition.of(wp);
        double[] gamma = {0.5, 1.5, 1.0, 0.8};
        for (Activation act : new Activation[] {new Activation.Relu(), new Activation.TopK(3)}) {
            for (double s : new double[] {0.0, 0.4, 0.9}) {
                ClosedForm cf = new ClosedForm(sp, act);
                SampleStats fused = new MonteCarlo(cf).run(s, 500, 11, gamma, TaskMonitor.none());
                SparseSampler sampler = new SparseSampler(9, s, 11);
                double sae = 0, gt = 0, gap = 0, wsae = 0, gapW = 0, sumX = 0, sumXm = 0;
                long active = 0, shrunk = 0, vanished = 0;
                for (int i = 0; i < 500; i++) {
                    double[] x = sampler.next();
                    ClosedFormResult res = cf.evaluate(x, gamma);
                    sae += res.lossSAE();
                    gt += res.lossGT();
                    gap += res.gapSAE();
                    wsae += res.lossWSAE();
                    gapW += res.gapWSAE();
                    for (int f = 0; f < 9; f++) {
                        if (x[f] > 0) {
                            active++;
                            sumX += x[f];
                            sumXm += res.xm()[f];
                            shrunk += res.status()[f] == FeatureStatus.SHRUNK ? 1 : 0;
                            vanished += res.status()[f] == FeatureStatus.VANISHED ? 1 : 0;
                        }
                    }
                }
                String what = act.id() + " S=" + s;
                assertEquals(sae / 500, fused.lossSAE(), 1e-12, what);
                assertEquals(gt / 500, fused.lossGT(), 1e-12, what);
                assertEquals(gap / 500, fused.gapSAE(), 1e-12, what);
                assertEquals(wsae / 500, fused.lossWSAE(), 1e-12, what);
                assertEquals(gapW / 500, fused.gapWSAE(), 1e-12, what);
                assertEquals((double) shrunk / active, fused.fractionShrunk(), 1e-15, what);
                assertEquals((double) vanished / active, fused.fractionVanished(), 1e-15, what);
                assertEquals(sumXm / sumX, fused.meanRecoveryRatio(), 1e-12, what);
            }
        }
    }
}
