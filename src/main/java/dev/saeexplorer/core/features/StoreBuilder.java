package dev.saeexplorer.core.features;

import dev.saeexplorer.core.compute.TwoWay;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Param;
import dev.saeexplorer.core.compute.SubTask;
import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.corpus.TokenContexts;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Computes a store's contents (design/MATH.md, "Feature dashboards"): one streaming pass over all contexts that keeps
 * only running statistics, bounded top-k heaps and bounded quantile samples per feature, then the {@link ExamplePass}
 * over the contexts chosen as examples. Nothing is written here: a cancel leaves nothing behind.
 */
final class StoreBuilder {
    /** The first pass's share of the progress bar; the second recomputes at most as many contexts and usually few. */
    private static final double FIRST_PASS = 0.85;

    private StoreBuilder() {
    }

    static StoreContents build(HookFeatures model, TokenContexts contexts, StoreSettings settings,
                               TaskMonitor monitor) {
        if (contexts.tokens() > Integer.MAX_VALUE) {
            throw InvalidInputException.of(Param.MAX_TOKENS, "must be at most " + Integer.MAX_VALUE + " for a feature"
                    + " store, got a corpus of " + contexts.tokens() + " tokens");
        }
        int features = model.features();
        int slots = StoreContents.slots(settings.topK());
        List<int[]> all = contexts.contexts();
        ExamplePass.checkFits(features, slots, all.size(), contexts.contextSize());

        ActivationTally tally = new ActivationTally(features);
        TopContexts top = new TopContexts(features, settings.topK());
        QuantileSampler sampler = new QuantileSampler(features, settings.seed());
        float[] contextMax = new float[features];
        model.forEach(all, SubTask.of(monitor, 0, FIRST_PASS, "statistics"), "read", (context, rows) -> {
            tally.count(rows.length);
            // Every feature's tallies, heaps and samples are its own: half the features on each core.
            TwoWay.split(features, (long) rows.length * features * 4, (from, to) -> {
                tally.add(rows, contextMax, from, to);
                for (int j = from; j < to; j++) {
                    if (contextMax[j] > 0) {
                        top.offer(j, contextMax[j], context);
                        sampler.offer(j, contextMax[j], context);
                    }
                }
            });
        });

        Slots chosen = choose(top, sampler, features, settings.topK());
        ExamplePass.Examples examples = ExamplePass.run(model, all, chosen.context(), slots,
                SubTask.of(monitor, FIRST_PASS, 1 - FIRST_PASS, "examples"));

        double[] density = new double[features];
        double[] mean = new double[features];
        float[] max = new float[features];
        Histogram[] histograms = new Histogram[features];
        for (int j = 0; j < features; j++) {
            density[j] = tally.density(j);
            mean[j] = tally.mean(j);
            max[j] = tally.max(j);
            histograms[j] = tally.histogram(j);
        }
        return new StoreContents(settings.topK(), density, mean, max, histograms, chosen.context(), chosen.max(),
                examples.positions(), examples.activations(), examples.contextNumbers(), examples.contextTokens());
    }

    /** The example slots of every feature (laid out as {@link StoreContents} says): context −1 where empty. */
    private record Slots(int[] context, float[] max) {
        void fill(int slot, ContextMax c) {
            context[slot] = c.context();
            max[slot] = c.max();
        }
    }

    /** Each feature's top contexts, then its quantile samples, which leave the top contexts out. */
    private static Slots choose(TopContexts top, QuantileSampler sampler, int features, int topK) {
        int slots = StoreContents.slots(topK);
        Slots chosen = new Slots(new int[features * slots], new float[features * slots]);
        Arrays.fill(chosen.context(), -1);
        for (int j = 0; j < features; j++) {
            ContextMax[] ranked = top.ranked(j);
            Set<Integer> topSet = new HashSet<>();
            for (int r = 0; r < ranked.length; r++) {
                topSet.add(ranked[r].context());
                chosen.fill(j * slots + r, ranked[r]);
            }
            ContextMax[][] bands = sampler.bands(j, topSet);
            for (int b = 0; b < bands.length; b++) {
                for (int i = 0; i < bands[b].length; i++) {
                    chosen.fill(j * slots + topK + b * QuantileSampler.PER_BAND + i, bands[b][i]);
                }
            }
        }
        return chosen;
    }
}
