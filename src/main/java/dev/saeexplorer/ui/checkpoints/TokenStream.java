package dev.saeexplorer.ui.checkpoints;

import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.lm.FeatureLens;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The logit-lens top tokens of every feature, computed in feature order and handed over in batches, so the table
 * fills in while a large SAE (24k features × a 50k vocabulary) is still being worked through. Batches are at most
 * a quarter of a second apart, which keeps the UI-thread updates few.
 */
final class TokenStream {
    static final int TABLE_TOKENS = 3;
    private static final long BATCH_NANOS = 250_000_000L;

    private TokenStream() {
    }

    /** Runs on a worker thread; {@code batches} receives feature → tokens maps (on the worker thread). */
    static int run(FeatureLens lens, int features, TaskMonitor monitor, Consumer<Map<Integer, String>> batches) {
        Map<Integer, String> batch = new LinkedHashMap<>();
        long last = System.nanoTime();
        for (int j = 0; j < features; j++) {
            monitor.checkCancelled();
            batch.put(j, TokenText.list(lens.tokens(j, TABLE_TOKENS).top()));
            long now = System.nanoTime();
            if (now - last >= BATCH_NANOS) {
                batches.accept(batch);
                batch = new LinkedHashMap<>();
                last = now;
                monitor.report((j + 1) / (double) features, "logit lens: " + (j + 1) + " of " + features + " features");
            }
        }
        if (!batch.isEmpty()) {
            batches.accept(batch);
        }
        return features;
    }
}
