package dev.saeexplorer.core.pseval;

import dev.saeexplorer.core.lm.FeatureLens;
import dev.saeexplorer.core.lm.Gpt2Model;
import dev.saeexplorer.core.lm.Gpt2Tokenizer;
import dev.saeexplorer.core.lm.HookPoint;
import dev.saeexplorer.core.sae.HostSaeEncoder;
import dev.saeexplorer.core.sae.SaeModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The real {@link ContextEncoder} (design/PSEVAL.md steps 2–4): BOS + GPT-2 BPE of the prompt, the last position whose
 * token is exactly {@code " " + targetWord}, the model run to the SAE's hook point (TransformerLens values), and the
 * SAE's features of the activation there.
 */
public final class ModelContextEncoder implements ContextEncoder {
    static final String NOT_A_SINGLE_TOKEN = "target is not a single token";

    private final Gpt2Model model;
    private final Gpt2Tokenizer tokenizer;
    private final HookPoint hook;
    private final HostSaeEncoder sae;

    public ModelContextEncoder(Gpt2Model model, Gpt2Tokenizer tokenizer, HookPoint hook, SaeModel sae) {
        FeatureLens.checkCompatible(model, sae);
        hook.checkAgainst(model.config().nLayer());
        this.model = model;
        this.tokenizer = tokenizer;
        this.hook = hook;
        this.sae = HostSaeEncoder.of(sae);
    }

    @Override
    public Result encode(String prompt, String targetWord) {
        return encodeAll(List.of(new Prompt(prompt, targetWord))).get(0);
    }

    /**
     * Eight rows: sixteen sequences share each pass over the model's and the SAE's weights, and cancel still answers
     * within a second.
     */
    @Override
    public int rowsPerBatch() {
        return 8;
    }

    /** Runs the model on all prompts' token sequences at once (one matrix product per weight), then the SAE. */
    @Override
    public List<Result> encodeAll(List<Prompt> prompts) {
        List<int[]> prefixes = new ArrayList<>();
        for (Prompt p : prompts) {
            prefixes.add(prefix(tokenizer, p.prompt(), p.targetWord()));
        }
        List<float[][]> runs = model.run(prefixes.stream().filter(Objects::nonNull).toList(), hook);
        List<float[]> activations = new ArrayList<>();
        int run = 0;
        for (int[] prefix : prefixes) {
            activations.add(prefix == null ? null : runs.get(run++)[prefix.length - 1]);
        }
        float[][] features = sae.encode(activations.stream().filter(Objects::nonNull).toArray(float[][]::new));
        List<Result> out = new ArrayList<>(prompts.size());
        int next = 0;
        for (float[] a : activations) {
            out.add(a == null ? Result.skip(NOT_A_SINGLE_TOKEN) : Result.of(features[next++], a));
        }
        return out;
    }

    /**
     * The tokens the model runs for one prompt: BOS + the prompt's BPE up to and including the last occurrence of the
     * target's single token; {@code null} when the target is not a single token of the prompt.
     */
    public static int[] prefix(Gpt2Tokenizer tokenizer, String prompt, String targetWord) {
        int[] tokens = tokenizer.encodeWithBos(prompt);
        int position = targetPosition(tokens, tokenizer.encode(" " + targetWord));
        return position < 0 ? null : java.util.Arrays.copyOf(tokens, position + 1);
    }

    /**
     * The last index of {@code tokens} holding the target's single token, or −1 when the target is more than one token
     * or does not occur. Only the prefix up to that position is run: the causal model's activation there does not depend
     * on later tokens.
     */
    static int targetPosition(int[] tokens, int[] target) {
        if (target.length != 1) {
            return -1;
        }
        for (int i = tokens.length - 1; i >= 0; i--) {
            if (tokens[i] == target[0]) {
                return i;
            }
        }
        return -1;
    }
}
