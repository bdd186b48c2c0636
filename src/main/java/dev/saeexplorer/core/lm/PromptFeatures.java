package dev.saeexplorer.core.lm;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Param;
import dev.saeexplorer.core.sae.HostSaeEncoder;
import dev.saeexplorer.core.sae.SaeModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;

/**
 * What an SAE's features say about each token of a prompt: BOS is prepended (as in training) and left out of the
 * answer; per token, the features with activation > 0, largest first (ties to the lower index), at most {@code top}.
 * The prompt view and {@code features-of} share it.
 */
public final class PromptFeatures {
    /** One feature's activation at one token. */
    public record Activation(int feature, double activation) {
    }

    /** Per token (BOS left out): its text, its id and its top features. */
    public record Result(List<String> tokens, int[] ids, List<List<Activation>> top) {
    }

    private PromptFeatures() {
    }

    public static Result of(Gpt2Model model, Gpt2Tokenizer tokenizer, HookPoint hook, SaeModel sae, String text,
                            int top) {
        int[] ids = tokenizer.encode(text == null ? "" : text);
        if (ids.length == 0) {
            throw InvalidInputException.of(Param.TEXT, "gives no tokens: type some text");
        }
        return ofSequence(model, hook, sae, Gpt2Tokenizer.withBos(ids), top, tokenizer::tokenString);
    }

    /** The same for a token sequence whose first position plays BOS (left out of the answer). */
    public static Result ofSequence(Gpt2Model model, HookPoint hook, SaeModel sae, int[] sequence, int top,
                                    IntFunction<String> tokenText) {
        if (top < 1) {
            throw InvalidInputException.of(Param.TOP, "must be at least 1, got " + top);
        }
        FeatureLens.checkCompatible(model, sae);
        float[][] x = model.run(sequence, hook);
        float[][] features = HostSaeEncoder.of(sae).encode(Arrays.copyOfRange(x, 1, x.length));
        int[] ids = Arrays.copyOfRange(sequence, 1, sequence.length);
        List<String> tokens = new ArrayList<>();
        List<List<Activation>> tops = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            tokens.add(tokenText.apply(ids[i]));
            List<Activation> active = new ArrayList<>();
            for (int j = 0; j < features[i].length; j++) {
                if (features[i][j] > 0) {
                    active.add(new Activation(j, features[i][j]));
                }
            }
            active.sort(Comparator.comparingDouble(Activation::activation).reversed()
                    .thenComparingInt(Activation::feature));
            tops.add(List.copyOf(active.subList(0, Math.min(top, active.size()))));
        }
        return new Result(List.copyOf(tokens), ids, List.copyOf(tops));
    }
}
