package dev.saeexplorer.core.sae;

import dev.saeexplorer.core.InvalidInputException;

/**
 * What an SAE does to each input row before encoding, and undoes on its reconstruction. The one definition that
 * {@link SaeModel}, {@link HostSaeEncoder} and {@link HostSaeDecoder} all call, row by row, in float64.
 *
 * <p>Fixed scalings (Llama Scope's dataset-wise norm, dictionary_learning's {@code norm_factor}) are not here: they fold
 * into the weights when a checkpoint is read. What is here depends on the row itself.
 */
public sealed interface InputNormalization permits InputNormalization.None, InputNormalization.LayerNorm {

    /** Normalises {@code row} in place and returns what {@link #restore} needs to undo it. */
    double[] normalise(double[] row);

    /** Undoes {@link #normalise} on a reconstruction, in place, with the numbers it returned for the input row. */
    void restore(double[] row, double[] stats);

    /** Whether rows pass unchanged. */
    boolean isIdentity();

    /** For people, e.g. "none" or "layer norm (ε = 1e-05)". */
    String describe();

    /** Rows pass unchanged. */
    record None() implements InputNormalization {
        private static final double[] NOTHING = new double[0];

        @Override
        public double[] normalise(double[] row) {
            return NOTHING;
        }

        @Override
        public void restore(double[] row, double[] stats) {
        }

        @Override
        public boolean isIdentity() {
            return true;
        }

        @Override
        public String describe() {
            return "none";
        }
    }

    /**
     * OpenAI's {@code sparse_autoencoder.model.LN}: μ = mean(x), x ← x − μ, s = std(x) with Bessel's correction
     * (torch's default, n − 1), x ← x / (s + ε); the reconstruction is restored as x̂·s + μ (their
     * {@code Autoencoder.decode}: {@code ret * info["std"] + info["mu"]}, without ε).
     */
    record LayerNorm(double eps) implements InputNormalization {
        /** The ε of OpenAI's {@code LN(x, eps=1e-5)}. */
        public static final double OPENAI_EPS = 1e-5;

        public LayerNorm {
            if (!Double.isFinite(eps) || eps < 0) {
                throw new InvalidInputException("layer-norm ε must be a finite number ≥ 0, got " + eps);
            }
        }

        @Override
        public double[] normalise(double[] row) {
            int n = row.length;
            if (n < 2) {
                throw new InvalidInputException("a layer-normalised SAE needs inputs of at least 2 values, got " + n);
            }
            double mu = 0;
            for (double v : row) {
                mu += v;
            }
            mu /= n;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                row[i] -= mu;
                ss += row[i] * row[i];
            }
            double std = Math.sqrt(ss / (n - 1));
            double divisor = std + eps;
            if (divisor == 0) {
                throw new InvalidInputException("a layer-normalised SAE cannot encode a constant input row (its standard"
                        + " deviation is 0 and ε is 0)");
            }
            for (int i = 0; i < n; i++) {
                row[i] /= divisor;
            }
            return new double[] {mu, std};
        }

        @Override
        public void restore(double[] row, double[] stats) {
            for (int i = 0; i < row.length; i++) {
                row[i] = row[i] * stats[1] + stats[0];
            }
        }

        @Override
        public boolean isIdentity() {
            return false;
        }

        @Override
        public String describe() {
            return "layer norm (ε = " + eps + ")";
        }
    }
}
