package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.core.lm.FeatureLens;
import dev.saeexplorer.core.lm.Gpt2Model;
import dev.saeexplorer.core.lm.LanguageModel;
import dev.saeexplorer.core.lm.LogitLens;
import dev.saeexplorer.core.sae.SaeModel;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import dev.saeexplorer.ui.common.ErrorText;
import dev.saeexplorer.ui.common.FieldLabels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Logit-lens tokens of max features, computed on demand in the background (one pass over the vocabulary each) and
 * kept for the session, so going back to a pair is instant. Used on the UI thread only.
 */
final class LensCache {
    /** Tokens per side, as the PS-Eval paper's Table 3 lists them (top 7) plus one. */
    static final int TOKENS = 8;

    /** Model and SAE by identity: a reloaded checkpoint is a new one. */
    private record Key(Gpt2Model model, SaeModel sae, int feature) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.model == model && k.sae == sae && k.feature == feature;
        }

        @Override
        public int hashCode() {
            return 31 * (31 * System.identityHashCode(model) + System.identityHashCode(sae)) + feature;
        }
    }

    private final WorkspaceContext ctx;
    private final Map<Key, LogitLens.Result> done = new HashMap<>();
    private final Map<Key, List<Consumer<LogitLens.Result>>> waiting = new HashMap<>();

    LensCache(WorkspaceContext ctx) {
        this.ctx = ctx;
    }

    /** The tokens if already computed, else null. */
    LogitLens.Result cached(LanguageModel model, SaeModel sae, int feature) {
        return done.get(new Key(model.model(), sae, feature));
    }

    /** Delivers the tokens on the UI thread: at once when cached, otherwise after a background pass. */
    void request(LanguageModel model, SaeModel sae, int feature, Consumer<LogitLens.Result> onReady) {
        Key key = new Key(model.model(), sae, feature);
        LogitLens.Result hit = done.get(key);
        if (hit != null) {
            onReady.accept(hit);
            return;
        }
        List<Consumer<LogitLens.Result>> queue = waiting.get(key);
        if (queue != null) {
            queue.add(onReady);
            return;
        }
        queue = new ArrayList<>(List.of(onReady));
        waiting.put(key, queue);
        ctx.executor().submit("Logit lens of feature " + feature,
                monitor -> new FeatureLens(model.model(), sae, model.tokenizer()).tokens(feature, TOKENS),
                result -> {
                    done.put(key, result);
                    waiting.remove(key).forEach(c -> c.accept(result));
                },
                error -> {
                    waiting.remove(key);
                    ctx.errors().report("Cannot compute the logit lens", ErrorText.forPeople(error, FieldLabels.TABLE));
                });
    }
}
