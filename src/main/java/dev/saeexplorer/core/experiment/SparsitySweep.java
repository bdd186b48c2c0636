package dev.saeexplorer.core.experiment;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Param;
import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.metrics.SyntheticMetrics;
import dev.saeexplorer.core.sae.SaeConfig;
import dev.saeexplorer.core.sae.TrainingListener;
import dev.saeexplorer.core.sae.Weighting;
import dev.saeexplorer.core.superposition.SparseSampler;
import dev.saeexplorer.core.superposition.Superposition;
import dev.saeexplorer.core.superposition.SyntheticData;
import dev.saeexplorer.core.world.World;
import dev.saeexplorer.core.world.WpPerSeed;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * SAE against WSAE over a grid of sparsities and several seeds (the paper's Figures 2 and 3). W_p may depend on the seed
 * (a toy model trained per seed); each row is handed to {@code onRow} as soon as it is done. Pause and cancel act
 * between two training steps, through the monitor.
 */
public final class SparsitySweep {
    private final SyntheticExperiment experiment = new SyntheticExperiment();

    /** SAE against one WSAE (the base config's weighting, variance when it is none) on uniform firing at each S. */
    public List<SweepRow> run(double[] sparsities, int seeds, WpPerSeed wp, SaeConfig base, int evalSamples,
                              String device, TaskMonitor monitor, Consumer<SweepRow> onRow) {
        Weighting wsae = base.weighting() == Weighting.NONE ? Weighting.VARIANCE : base.weighting();
        return run(sparsities, seeds, wp, null, List.of(Weighting.NONE, wsae), base, evalSamples, device, monitor, onRow);
    }

    /**
     * One model per weighting in {@code models} (NONE is the SAE) at every (S, seed), all on the same data.
     *
     * @param world the structure of x (firing, magnitudes, groups, hierarchy) taken to each S by
     *              {@link World#atSparsity}, over the seed's W_p; null for the paper's uniform firing
     */
    public List<SweepRow> run(double[] sparsities, int seeds, WpPerSeed wp, World world, List<Weighting> models,
                              SaeConfig base, int evalSamples, String device, TaskMonitor monitor,
                              Consumer<SweepRow> onRow) {
        if (sparsities.length == 0) {
            throw InvalidInputException.of(Param.SPARSITIES, "is empty: give a list like 0.1,0.5,0.9");
        }
        for (double s : sparsities) {
            SparseSampler.checkSparsity(s);
        }
        if (seeds < 1) {
            throw InvalidInputException.of(Param.SEEDS, "must be at least 1, got " + seeds);
        }
        if (models.isEmpty()) {
            throw new InvalidInputException("a sweep needs at least one model to train");
        }
        if (world != null) {
            // Every grid point's world is checked before the first run, so a bad S fails now, not an hour in.
            for (double s : sparsities) {
                world.atSparsity(s, wp.features()).check(wp.features());
            }
        }
        List<SweepRow> rows = new ArrayList<>();
        int total = sparsities.length * seeds * models.size();
        int done = 0;
        for (int seed = 0; seed < seeds; seed++) {
            long runSeed = base.seed() + seed;
            double at = done / (double) total;
            // A toy model trained for this seed: the bar waits at the seed's first run while its message says why.
            Superposition sp = wp.forSeed(runSeed, new TaskMonitor((f, m) -> monitor.report(at, m),
                    monitor.cancellation()));
            for (double s : sparsities) {
                SyntheticData data = world == null ? new SyntheticData(sp, s) : world.atSparsity(s, sp.features()).data(sp);
                for (Weighting w : models) {
                    SaeConfig cfg = base.withWeighting(w).withSeed(runSeed);
                    String model = w.modelName();
                    int index = done;
                    TaskMonitor inner = new TaskMonitor((f, msg) -> monitor.report((index + f) / total,
                            String.format("%s S=%.3f seed %d: %s", model, s, runSeed, msg)), monitor.cancellation());
                    SyntheticExperiment.ExperimentResult r = experiment.run(data, cfg, evalSamples, inner,
                            TrainingListener.NONE);
                    SweepRow row = toRow(r, runSeed, model, cfg, device);
                    rows.add(row);
                    onRow.accept(row);
                    done++;
                }
            }
        }
        return rows;
    }

    private static SweepRow toRow(SyntheticExperiment.ExperimentResult r, long seed, String model, SaeConfig cfg,
                                  String device) {
        SyntheticMetrics m = r.metrics();
        return new SweepRow(r.sparsity(), seed, model, m.lossGT(), m.lossGTNonSparse(), m.reconstructionXp(),
                m.monosemanticity(), m.avgActivatedFeatures(), m.deadLatents(), r.training().samplesPerSecond(),
                cfg.steps(), device, cfg.weighting().id(), cfg.alpha(), r.training().weights().applied(), m.mcc(), m.shrinkage(),
                m.absorptionRate());
    }
}
