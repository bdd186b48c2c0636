package dev.saeexplorer.core.pseval;

import java.util.Objects;

/**
 * Runs the language model and SAE on one prompt (design/PSEVAL.md steps 2–4). The real implementation tokenises with
 * BOS, finds the last position whose token is exactly {@code " " + targetWord}, runs the model to the SAE's hook point
 * and encodes the activation there; it answers {@link Result#skip} when the row cannot be evaluated (for example
 * {@code "target is not a single token"}). Tests use fakes.
 */
@FunctionalInterface
public interface ContextEncoder {
    /**
     * @param prompt     the prompt, i.e. the context already wrapped in the {@link PromptTemplate}
     * @param targetWord the row's target word
     */
    Result encode(String prompt, String targetWord);

    /** Either features or the reason the context cannot be evaluated. */
    record Result(ContextFeatures features, String skipReason) {
        public Result {
            if ((features == null) == (skipReason == null)) {
                throw new IllegalArgumentException("exactly one of features and skipReason");
            }
        }

        public static Result of(ContextFeatures features) {
            return new Result(Objects.requireNonNull(features), null);
        }

        public static Result of(float[] features, float[] activation) {
            return of(new ContextFeatures(features, activation));
        }

        public static Result skip(String reason) {
            return new Result(null, Objects.requireNonNull(reason));
        }

        public boolean skipped() {
            return features == null;
        }
    }
}
