package dev.saeexplorer.core.pseval;

import java.util.ArrayList;
import java.util.List;
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

    /**
     * Encodes several prompts, in order. The default calls {@link #encode} for each; the model's encoder batches the
     * SAE so its weights are read once per batch.
     */
    default List<Result> encodeAll(List<Prompt> prompts) {
        List<Result> out = new ArrayList<>(prompts.size());
        for (Prompt p : prompts) {
            out.add(encode(p.prompt(), p.targetWord()));
        }
        return out;
    }

    /**
     * How many rows {@link PsEvaluation} hands to {@link #encodeAll} at once (two prompts each); cancellation is
     * checked between batches. 1 unless batching saves work.
     */
    default int rowsPerBatch() {
        return 1;
    }

    /** One prompt and the row's target word. */
    record Prompt(String prompt, String targetWord) {
        public Prompt {
            Objects.requireNonNull(prompt, "prompt");
            Objects.requireNonNull(targetWord, "targetWord");
        }
    }

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
