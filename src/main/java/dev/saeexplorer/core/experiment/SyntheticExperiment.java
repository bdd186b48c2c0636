package dev.saeexplorer.core.experiment;

import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.metrics.SyntheticEvaluator;
import dev.saeexplorer.core.metrics.SyntheticMetrics;
import dev.saeexplorer.core.sae.SaeConfig;
import dev.saeexplorer.core.sae.SaeTrainer;
import dev.saeexplorer.core.superposition.SyntheticData;
import dev.saeexplorer.core.sae.TrainingListener;
import dev.saeexplorer.core.sae.TrainingResult;
import dev.saeexplorer.core.sae.WsaeWeights;
import dev.saeexplorer.core.superposition.Superposition;

/**
 * One SAE or WSAE trained on synthetic data x_p = W_p x at sparsity S, then evaluated against the ground truth. The
 * training stream depends on the seed only, so an SAE and a WSAE with the same seed see the same data.
 */
public final class SyntheticExperiment {
    /** Samples used to estimate the per-dimension variance of x_p for the WSAE weights. */
    public static final int VARIANCE_SAMPLES = 16_384;

    private final SaeTrainer trainer = new SaeTrainer();
    private final SyntheticEvaluator evaluator = new SyntheticEvaluator();

    public ExperimentResult run(Superposition sp, double sparsity, SaeConfig cfg, int evalSamples, TaskMonitor monitor,
                                TrainingListener listener) {
        return run(new SyntheticData(sp, sparsity), cfg, evalSamples, monitor, listener);
    }

    /** The same on any synthetic world's data (e.g. a described world, {@code core.world.World}). */
    public ExperimentResult run(SyntheticData data, SaeConfig cfg, int evalSamples, TaskMonitor monitor,
                                TrainingListener listener) {
        double sparsity = data.sparsity();
        WsaeWeights weights = weights(data, cfg);
        TrainingResult training = trainer.train(cfg, weights, data.batches(cfg.batch(), cfg.seed() + 1_000_003L),
                monitor, listener);
        SyntheticMetrics metrics = evaluator.evaluate(training.model(), data, evalSamples, cfg.seed() + 3_000_017L);
        return new ExperimentResult(sparsity, training, metrics);
    }

    /** Γ for the run: identity for the SAE, s_i^α from a separate sample for the WSAE, or the oracle from W_p. */
    public static WsaeWeights weights(SyntheticData data, SaeConfig cfg) {
        return WsaeWeights.of(cfg.weighting(), cfg.inputDim(), cfg.alpha(),
                () -> data.inputVariance(VARIANCE_SAMPLES, cfg.seed() + 2_000_003L), data.superposition().matrix());
    }

    /** What a run produced. */
    public record ExperimentResult(double sparsity, TrainingResult training, SyntheticMetrics metrics) {
    }
}
