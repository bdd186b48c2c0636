package dev.saeexplorer.core.lm;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.sae.SaeModel;
import java.util.ArrayList;
import java.util.List;

/** The logit lens of an SAE's features on the model it was trained on: the one place that pairs the two. */
public final class FeatureLens {
    private final SaeModel sae;
    private final LogitLens lens;

    public FeatureLens(Gpt2Model model, SaeModel sae, Gpt2Tokenizer tokenizer) {
        checkCompatible(model, sae);
        this.sae = sae;
        this.lens = LogitLens.of(model, tokenizer);
    }

    /** An SAE reads vectors of the model's width; otherwise it was trained on another model. */
    public static void checkCompatible(Gpt2Model model, SaeModel sae) {
        if (sae.inputDim() != model.dModel()) {
            throw new InvalidInputException("the SAE reads d_in = " + sae.inputDim() + " but the model's d_model is "
                    + model.dModel() + ": it was trained on another model");
        }
    }

    /** Top and bottom {@code k} tokens of feature {@code i}'s decoder direction (row i of W_dec). */
    public LogitLens.Result tokens(int feature, int k) {
        return lens.topBottom(direction(feature), k);
    }

    /** {@link #tokens(int, int)} of each feature in {@code features}, in order, batched over W_U. */
    public List<LogitLens.Result> tokens(List<Integer> features, int k) {
        List<float[]> directions = new ArrayList<>(features.size());
        for (int f : features) {
            directions.add(direction(f));
        }
        return lens.topBottom(directions, k);
    }

    private float[] direction(int feature) {
        if (feature < 0 || feature >= sae.latents()) {
            throw new InvalidInputException("feature " + feature + " is out of range: the SAE has " + sae.latents()
                    + " features (0.." + (sae.latents() - 1) + ")");
        }
        return sae.wDec().getRow(feature).dup().toFloatVector();
    }
}
