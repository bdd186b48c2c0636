package dev.saeexplorer.core.features;

import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.lm.FeatureLens;
import dev.saeexplorer.core.lm.Gpt2Model;
import dev.saeexplorer.core.lm.HookPoint;
import dev.saeexplorer.core.sae.HostSaeEncoder;
import dev.saeexplorer.core.sae.SaeModel;
import java.util.Arrays;
import java.util.List;

/**
 * The SAE's features at every non-BOS token of some contexts: the model run to the SAE's hook (TransformerLens values),
 * then the SAE's encoder. BOS rows are never encoded, since every statistic leaves them out.
 */
final class HookFeatures {
    /**
     * Contexts per model run: they share each pass over the weights, and cancel still answers within a batch. The SAE
     * encodes one context at a time, so the features held at once are one context's, not the batch's (a 24,576-feature
     * SAE gives 12 MB per 128-token context).
     */
    static final int CONTEXTS_PER_RUN = 16;

    private final Gpt2Model model;
    private final HookPoint hook;
    private final HostSaeEncoder sae;

    HookFeatures(Gpt2Model model, HookPoint hook, SaeModel sae) {
        FeatureLens.checkCompatible(model, sae);
        hook.checkAgainst(model.config().nLayer());
        this.model = model;
        this.hook = hook;
        this.sae = HostSaeEncoder.of(sae);
    }

    int features() {
        return sae.latents();
    }

    /** Receives one context's features. */
    @FunctionalInterface
    interface Sink {
        /**
         * @param index    the context's index in the list given to {@link #forEach}
         * @param features [tokens][d_sae], BOS left out
         */
        void accept(int index, float[][] features);
    }

    /**
     * Runs {@code contexts} (each starting with BOS) in order, batch by batch, handing each context's features to
     * {@code sink}; between batches {@code monitor} may pause or cancel and hears the fraction done.
     */
    void forEach(List<int[]> contexts, TaskMonitor monitor, String what, Sink sink) {
        for (int from = 0; from < contexts.size(); from += CONTEXTS_PER_RUN) {
            monitor.betweenSteps();
            List<int[]> batch = contexts.subList(from, Math.min(contexts.size(), from + CONTEXTS_PER_RUN));
            List<float[][]> hookValues = model.run(batch, hook);
            for (int i = 0; i < batch.size(); i++) {
                float[][] values = hookValues.get(i);
                sink.accept(from + i, sae.encode(Arrays.copyOfRange(values, 1, values.length)));
            }
            int done = from + batch.size();
            monitor.report(done / (double) contexts.size(), what + " " + done + "/" + contexts.size() + " contexts");
        }
    }
}
