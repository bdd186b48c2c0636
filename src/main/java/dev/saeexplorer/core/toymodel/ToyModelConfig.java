package dev.saeexplorer.core.toymodel;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Param;
import dev.saeexplorer.core.superposition.SparseSampler;

/**
 * Settings of the Elhage et al. toy model x' = ReLU(Wᵀ W x + b) (design/MATH.md).
 *
 * @param features   n, ground-truth features
 * @param dims       n_p, hidden dimensions (must be fewer than the features for superposition)
 * @param sparsity   S of the training data
 * @param importance r ∈ (0, 1]: feature i has importance rⁱ
 */
public record ToyModelConfig(int features, int dims, double sparsity, double importance, int steps, int batch,
                             double learningRate, long seed) {

    public ToyModelConfig {
        if (features < 2) {
            throw InvalidInputException.of(Param.FEATURES, "must be at least 2, got " + features);
        }
        if (dims < 1) {
            throw InvalidInputException.of(Param.DIMS, "must be at least 1, got " + dims);
        }
        if (dims >= features) {
            throw InvalidInputException.worded(Param.DIMS, Param.DIMS, " (" + dims + ") must be smaller than ",
                    Param.FEATURES, " (" + features + "): superposition needs fewer dimensions than features");
        }
        SparseSampler.checkSparsity(sparsity);
        if (!(importance > 0 && importance <= 1)) {
            throw InvalidInputException.of(Param.IMPORTANCE, "must be in (0, 1], got " + importance);
        }
        if (steps < 1) {
            throw InvalidInputException.of(Param.STEPS, "must be at least 1, got " + steps);
        }
        if (batch < 1) {
            throw InvalidInputException.of(Param.BATCH, "must be at least 1, got " + batch);
        }
        if (!(learningRate > 0 && Double.isFinite(learningRate))) {
            throw InvalidInputException.of(Param.LEARNING_RATE, "must be a positive number, got " + learningRate);
        }
    }

    public static ToyModelConfig defaults(int features, int dims, double sparsity) {
        return new ToyModelConfig(features, dims, sparsity, 1.0, 5000, 1024, 1e-3, 0);
    }
}
