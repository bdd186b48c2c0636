package dev.saeexplorer.core.world;

import dev.saeexplorer.core.compute.SubTask;
import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.superposition.Superposition;
import dev.saeexplorer.core.toymodel.ToyModelConfig;
import dev.saeexplorer.core.toymodel.ToyModelTrainer;

/**
 * Where an experiment's W_p comes from, seed by seed: one matrix for every seed (a catalogue preset, a file), or a toy
 * model (Elhage et al.) trained afresh with each seed. The sweep, the CLI's {@code train}/{@code sweep} and the GUI
 * share this one definition.
 */
public sealed interface WpPerSeed permits WpPerSeed.Fixed, WpPerSeed.TrainedToyModel {

    /** W_p for {@code seed}; a toy model trains here, reporting to {@code monitor}. */
    Superposition forSeed(long seed, TaskMonitor monitor);

    /** n_p, the SAE's input dimension, known without training anything. */
    int dims();

    /** n, the number of ground-truth features, known without training anything. */
    int features();

    static WpPerSeed fixed(Superposition sp) {
        return new Fixed(sp);
    }

    /** A toy model trained per seed: {@code template}'s settings with the run's seed. */
    static WpPerSeed trainedToyModel(ToyModelConfig template) {
        return new TrainedToyModel(template);
    }

    record Fixed(Superposition superposition) implements WpPerSeed {
        @Override
        public Superposition forSeed(long seed, TaskMonitor monitor) {
            return superposition;
        }

        @Override
        public int dims() {
            return superposition.dims();
        }

        @Override
        public int features() {
            return superposition.features();
        }
    }

    record TrainedToyModel(ToyModelConfig template) implements WpPerSeed {
        @Override
        public Superposition forSeed(long seed, TaskMonitor monitor) {
            ToyModelConfig cfg = new ToyModelConfig(template.features(), template.dims(), template.sparsity(),
                    template.importance(), template.steps(), template.batch(), template.learningRate(), seed);
            TaskMonitor toy = SubTask.of(monitor, 0, 1, "training the toy model W_p for seed " + seed);
            return new ToyModelTrainer().train(cfg, toy).superposition();
        }

        @Override
        public int dims() {
            return template.dims();
        }

        @Override
        public int features() {
            return template.features();
        }
    }
}
