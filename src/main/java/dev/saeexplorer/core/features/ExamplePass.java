package dev.saeexplorer.core.features;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Param;
import dev.saeexplorer.core.compute.TaskMonitor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The second pass: the per-token activations of the chosen examples. The first pass keeps only (max, context) per
 * example, so that its memory does not depend on how often a context enters and leaves a feature's top list; this pass
 * recomputes just the contexts some example names (at most all of them, usually far fewer) and copies out the chosen
 * features' columns.
 */
final class ExamplePass {
    /** Values one store can hold: a float16 tensor of at most 2^31 − 8 bytes (design/ARCHITECTURE.md). */
    static final long MAX_VALUES = (Integer.MAX_VALUE - 8) / 2;

    private ExamplePass() {
    }

    /** The examples' activations and positions, filled into a store's contents. */
    record Examples(float[] activations, int[] positions, int[] contextNumbers, int[][] contextTokens) {
    }

    /**
     * Refuses settings whose examples could not fit one store, before any work: each feature's slots hold distinct
     * contexts of at most {@code contextSize − 1} tokens.
     */
    static void checkFits(int features, int slots, int contexts, int contextSize) {
        long worst = (long) features * Math.min(slots, contexts) * (contextSize - 1);
        if (worst > MAX_VALUES) {
            throw InvalidInputException.worded(Param.TOP_K, "the examples of " + features + " features could hold "
                    + worst + " activations, more than one store holds (" + MAX_VALUES + "): lower ", Param.TOP_K,
                    " or ", Param.CONTEXT_SIZE);
        }
    }

    /**
     * @param slotContext [features × slots] the context of each example slot, −1 when empty
     * @param slots       slots per feature
     */
    static Examples run(HookFeatures features, List<int[]> contexts, int[] slotContext, int slots,
                        TaskMonitor monitor) {
        int[] chosen = Arrays.stream(slotContext).filter(c -> c >= 0).distinct().sorted().toArray();
        List<List<Integer>> slotsOf = new ArrayList<>(chosen.length);
        for (int i = 0; i < chosen.length; i++) {
            slotsOf.add(new ArrayList<>());
        }
        int[] offset = new int[slotContext.length];
        int total = StoreContents.forEachExample(slotContext, c -> contexts.get(c).length - 1, (slot, from, to) -> {
            slotsOf.get(Arrays.binarySearch(chosen, slotContext[slot])).add(slot);
            offset[slot] = from;
        });
        float[] activations = new float[total];
        int[] positions = new int[slotContext.length];
        Arrays.fill(positions, -1);
        List<int[]> chosenContexts = Arrays.stream(chosen).mapToObj(contexts::get).toList();
        features.forEach(chosenContexts, monitor, "examples", (index, rows) -> {
            for (int s : slotsOf.get(index)) {
                int feature = s / slots;
                float best = Float.NEGATIVE_INFINITY;
                for (int t = 0; t < rows.length; t++) {
                    float a = rows[t][feature];
                    activations[offset[s] + t] = a;
                    if (a > best) {
                        best = a;
                        positions[s] = t;
                    }
                }
            }
        });
        int[][] tokens = chosenContexts.stream().map(c -> Arrays.copyOfRange(c, 1, c.length)).toArray(int[][]::new);
        return new Examples(activations, positions, chosen, tokens);
    }
}
