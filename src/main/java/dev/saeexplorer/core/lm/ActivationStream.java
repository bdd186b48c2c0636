package dev.saeexplorer.core.lm;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Param;
import dev.saeexplorer.core.sae.BatchSource;
import java.util.List;

/**
 * A language model's activations at a hook point as SAE training batches, computed on demand: texts are run one at a
 * time and their token vectors (the BOS position excluded, as SAE training on TransformerLens activations does) fill
 * the batch, cycling through the texts. Memory stays bounded by one text's activations plus one batch.
 */
public final class ActivationStream implements BatchSource {
    private final Gpt2Model model;
    private final Gpt2Tokenizer tokenizer;
    private final HookPoint hook;
    private final List<String> texts;
    private final int batch;
    private final float[] buffer;
    private float[][] current = new float[0][];
    private int row;
    private int nextText;

    public ActivationStream(Gpt2Model model, Gpt2Tokenizer tokenizer, HookPoint hook, List<String> texts, int batch) {
        if (texts.isEmpty()) {
            throw new InvalidInputException("no text to train on: the text source is empty");
        }
        if (batch < 1) {
            throw InvalidInputException.of(Param.BATCH, "must be at least 1, got " + batch);
        }
        hook.checkAgainst(model.config().nLayer());
        this.model = model;
        this.tokenizer = tokenizer;
        this.hook = hook;
        this.texts = List.copyOf(texts);
        this.batch = batch;
        this.buffer = new float[batch * model.dModel()];
    }

    @Override
    public float[] next() {
        int d = model.dModel();
        for (int b = 0; b < batch; b++) {
            System.arraycopy(nextRow(), 0, buffer, b * d, d);
        }
        return buffer;
    }

    private float[] nextRow() {
        int attempts = 0;
        while (row >= current.length) {
            if (++attempts > texts.size() + 1) {
                throw new InvalidInputException("no text yields a token after BOS: give longer texts");
            }
            int[] tokens = tokenizer.encodeWithBos(texts.get(nextText));
            nextText = (nextText + 1) % texts.size();
            int max = model.config().nPositions();
            if (tokens.length > max) {
                tokens = java.util.Arrays.copyOf(tokens, max); // long texts are cut to the model's context
            }
            current = model.run(tokens, hook);
            row = 1; // skip BOS
        }
        return current[row++];
    }

    @Override
    public int batch() {
        return batch;
    }

    @Override
    public int inputDim() {
        return model.dModel();
    }
}
