package dev.saeexplorer.core.features;

import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.lm.FeatureLens;
import dev.saeexplorer.core.lm.Gpt2Model;
import dev.saeexplorer.core.lm.HookPoint;
import dev.saeexplorer.core.sae.HostSaeEncoder;
import dev.saeexplorer.core.sae.SaeModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The SAE's features at every non-BOS token of some contexts: the model run to the SAE's hook (TransformerLens values),
 * then the SAE's encoder. BOS rows are never encoded, since every statistic leaves them out.
 */
final class HookFeatures {
    /**
     * Contexts per model run: they share each pass over the weights, and cancel still answers within a batch.
     */
    static final int CONTEXTS_PER_RUN = 16;
    /**
     * Token rows per encoder call: consecutive contexts are encoded together up to this many rows, so short contexts
     * share each pass over W_enc (75 MB for a 24,576-feature SAE on GPT-2 small) while the features held at once stay
     * about one 128-token context's (12 MB).
     */
    static final int ROWS_PER_ENCODE = 128;

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
     * {@code sink}; between batches {@code monitor} may pause or cancel and hears the fraction done and the speed.
     */
    void forEach(List<int[]> contexts, TaskMonitor monitor, String what, Sink sink) {
        long start = System.nanoTime();
        long tokens = 0;
        for (int from = 0; from < contexts.size(); from += CONTEXTS_PER_RUN) {
            monitor.betweenSteps();
            List<int[]> batch = contexts.subList(from, Math.min(contexts.size(), from + CONTEXTS_PER_RUN));
            List<float[][]> hookValues = model.run(batch, hook);
            int first = 0;
            while (first < batch.size()) {
                // contexts first … last−1 together, at least one, up to ROWS_PER_ENCODE rows
                int last = first;
                List<float[]> rows = new ArrayList<>();
                while (last < batch.size() && (last == first
                        || rows.size() + hookValues.get(last).length - 1 <= ROWS_PER_ENCODE)) {
                    float[][] values = hookValues.get(last);
                    rows.addAll(Arrays.asList(values).subList(1, values.length));
                    last++;
                }
                float[][] features = sae.encode(rows.toArray(new float[0][]));
                int row = 0;
                for (int i = first; i < last; i++) {
                    int n = hookValues.get(i).length - 1;
                    sink.accept(from + i, Arrays.copyOfRange(features, row, row + n));
                    row += n;
                    tokens += n;
                }
                first = last;
            }
            int done = from + batch.size();
            double seconds = (System.nanoTime() - start) / 1e9;
            monitor.report(done / (double) contexts.size(), String.format(java.util.Locale.ROOT,
                    "%s %d/%d contexts, %,.0f tokens/s", what, done, contexts.size(), tokens / Math.max(seconds, 1e-9)));
        }
    }
}
