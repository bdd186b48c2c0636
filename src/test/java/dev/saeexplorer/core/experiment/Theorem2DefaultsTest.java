package dev.saeexplorer.core.experiment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.metrics.SyntheticMetrics;
import dev.saeexplorer.core.sae.SaeConfig;
import dev.saeexplorer.core.sae.TrainingListener;
import dev.saeexplorer.core.superposition.Superposition;
import dev.saeexplorer.core.world.WpPreset;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, part 3: with the default settings an SAE trained in Theorem 2's setting (every interference ≤ 0, sparse x)
 * gives each latent one feature, as the theorem says it can; with the old learning rate it did not.
 */
class Theorem2DefaultsTest {

    private static SyntheticMetrics train(SaeConfig cfg) {
        Superposition sp = WpPreset.TRIANGLES.build();
        return new SyntheticExperiment().run(sp, 0.9, cfg, 4096, TaskMonitor.none(), TrainingListener.NONE).metrics();
    }

    @Test
    void theDefaultsRecoverTheTrianglesFeatureByFeature() {
        // The lab's run: latents = n = 30, 1,500 steps, everything else the defaults.
        SaeConfig defaults = SaeConfig.defaults(20, 30).withSteps(1500);
        SyntheticMetrics m = train(defaults);
        double expectedNormSquared = 30 * 0.1 / 3; // E‖x‖² = n (1 − S) E[u²], u ~ U(0, 1]
        assertTrue(m.avgActivatedFeatures() <= 1.3, () -> "features per latent " + m.avgActivatedFeatures());
        assertTrue(m.mcc() >= 0.9, () -> "MCC " + m.mcc());
        assertTrue(m.lossGT() <= 0.15 * expectedNormSquared, () -> "L_GT " + m.lossGT());

        // The same run at the old rate mixes several features per latent: the reason the default moved.
        SaeConfig old = new SaeConfig(20, 30, defaults.activation(), defaults.l1(), defaults.weighting(),
                defaults.alpha(), defaults.tied(), defaults.auxCoefficient(), defaults.deadWindow(), 1500,
                defaults.batch(), 1e-3, defaults.seed());
        SyntheticMetrics slow = train(old);
        assertTrue(slow.avgActivatedFeatures() > 3, () -> "features per latent at 1e-3: " + slow.avgActivatedFeatures());
        assertTrue(slow.lossGT() > 3 * m.lossGT(), () -> "L_GT at 1e-3 " + slow.lossGT() + " vs " + m.lossGT());
    }
}
