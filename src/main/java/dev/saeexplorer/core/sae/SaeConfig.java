package dev.saeexplorer.core.sae;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Param;

/**
 * Everything that defines one SAE training run (design/MATH.md "Trained SAEs").
 *
 * @param inputDim        d_in (n_p for synthetic data)
 * @param latents         d_sae (n_m)
 * @param activation      σ
 * @param l1              λ of the L1 penalty on latent activations (≥ 0); decoder rows are renormalised when λ > 0
 * @param weighting       none (SAE), variance (WSAE) or oracle
 * @param alpha           α of γ_i = s_i^α
 * @param tied            the theory's tied, bias-free form (W_dec = W_encᵀ, no biases)
 * @param auxCoefficient  weight of the dead-latent auxiliary loss (0 turns it off)
 * @param deadWindow      a latent that has not fired for this many steps counts as dead for the auxiliary loss
 */
public record SaeConfig(int inputDim, int latents, Activation activation, double l1, Weighting weighting, double alpha,
                        boolean tied, double auxCoefficient, int deadWindow, int steps, int batch, double learningRate,
                        long seed) {

    /**
     * Adam's learning rate for SAEs on synthetic data, everywhere (CLI, lab, sweep). Not the 1e-3 common for language
     * models: on Theorem 2's W_p at S = 0.9–0.99 an SAE trained 1,500 steps at 1e-3 has not converged (triangles:
     * 11.9 features per latent, L_GT 65% of E‖x‖²; at 1e-2: 1.0 and 5%), and no λ from 0.1 to 1 makes up for it
     * (README, "Defaults that let Theorem 2 show").
     */
    public static final double SYNTHETIC_LEARNING_RATE = 0.01;

    public SaeConfig {
        if (inputDim < 1) {
            throw new InvalidInputException("the input dimension must be at least 1, got " + inputDim);
        }
        if (latents < 1) {
            throw InvalidInputException.of(Param.LATENTS, "must be at least 1, got " + latents);
        }
        activation.validateFor(latents);
        if (!activation.isTrainable()) {
            // The trainers implement one threshold θ; per-latent thresholds come only from loaded checkpoints.
            throw InvalidInputException.worded(Param.THETA, "training uses one JumpReLU threshold (", Param.THETA,
                    "); per-latent thresholds are read from checkpoints only");
        }
        if (!(l1 >= 0 && Double.isFinite(l1))) {
            throw InvalidInputException.of(Param.L1, "must be a finite number ≥ 0, got " + l1);
        }
        if (!(alpha >= 0 && Double.isFinite(alpha))) {
            throw InvalidInputException.of(Param.ALPHA, "must be a finite number ≥ 0, got " + alpha);
        }
        if (!(auxCoefficient >= 0 && Double.isFinite(auxCoefficient))) {
            throw InvalidInputException.of(Param.AUX, "must be a finite number ≥ 0, got " + auxCoefficient);
        }
        if (tied && auxCoefficient > 0) {
            throw InvalidInputException.worded(Param.AUX, Param.AUX, " does not apply to ", Param.TIED,
                    ": the theory's tied SAE has no auxiliary loss");
        }
        if (deadWindow < 1) {
            throw InvalidInputException.of(Param.DEAD_WINDOW, "must be at least 1, got " + deadWindow);
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

    /** The paper's synthetic setting for d_in inputs and the given latents: ReLU, L1, untied with biases, SAE. */
    public static SaeConfig defaults(int inputDim, int latents) {
        return new SaeConfig(inputDim, latents, new Activation.Relu(), 0.1, Weighting.NONE, 1.0, false, 0.0, 1000,
                3000, 1024, SYNTHETIC_LEARNING_RATE, 0);
    }

    public SaeConfig withWeighting(Weighting w) {
        return new SaeConfig(inputDim, latents, activation, l1, w, alpha, tied, auxCoefficient, deadWindow, steps, batch,
                learningRate, seed);
    }

    public SaeConfig withSeed(long s) {
        return new SaeConfig(inputDim, latents, activation, l1, weighting, alpha, tied, auxCoefficient, deadWindow, steps,
                batch, learningRate, s);
    }

    public SaeConfig withSteps(int s) {
        return new SaeConfig(inputDim, latents, activation, l1, weighting, alpha, tied, auxCoefficient, deadWindow, s,
                batch, learningRate, seed);
    }
}
