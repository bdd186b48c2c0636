package dev.saeexplorer.ui.checkpoints;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.compute.CancelledException;
import dev.saeexplorer.core.corpus.Corpora;
import dev.saeexplorer.core.corpus.TokenContexts;
import dev.saeexplorer.core.lm.HookPoint;
import dev.saeexplorer.core.lm.LanguageModel;
import dev.saeexplorer.core.lm.PromptFeatures;
import dev.saeexplorer.core.lm.SpliceMetrics;
import dev.saeexplorer.ui.common.ErrorText;
import dev.saeexplorer.ui.common.FieldLabels;
import dev.saeexplorer.ui.jobs.Job;
import dev.saeexplorer.ui.jobs.LatestRun;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Checkpoint A read through the loaded language model: the prompt view (per token, A's most active features) and A
 * spliced into the model at its hook (cross-entropy recovered, KL, L0, explained variance) on the bundled corpus.
 * Both run in the background, one at a time each, and are cleared when the model or A changes.
 */
final class ModelProbe {
    /** Enough text for stable numbers in seconds on GPT-2 small: the bundled corpus's first contexts. */
    static final long SPLICE_TOKENS = 2_000;
    static final int SPLICE_CONTEXT = 64;
    static final int FEATURES_PER_TOKEN = 5;

    private final WorkspaceContext ctx;
    private final ReadOnlyObjectProperty<LanguageModel> model;
    private final ReadOnlyObjectProperty<InspectedCheckpoint> primary;
    private final LatestRun prompts;
    private final LatestRun splices;
    private final ReadOnlyObjectWrapper<PromptFeatures.Result> prompt = new ReadOnlyObjectWrapper<>(this, "prompt");
    private final ReadOnlyObjectWrapper<SpliceMetrics.Result> splice = new ReadOnlyObjectWrapper<>(this, "splice");
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note", "");

    ModelProbe(WorkspaceContext ctx, ReadOnlyObjectProperty<LanguageModel> model,
               ReadOnlyObjectProperty<InspectedCheckpoint> primary) {
        this.ctx = ctx;
        this.model = model;
        this.primary = primary;
        this.prompts = new LatestRun(ctx.executor());
        this.splices = new LatestRun(ctx.executor());
        model.addListener((obs, was, now) -> clear());
        primary.addListener((obs, was, now) -> clear());
    }

    /** Reads {@code text} with A's features; the result replaces the last one. */
    void read(String text) {
        Pair pair = pair();
        if (pair == null) {
            return;
        }
        note.set("Reading the prompt…");
        prompts.start("Prompt: A's features per token", m -> PromptFeatures.of(pair.lm.model(), pair.lm.tokenizer(),
                pair.hook, pair.a.checkpoint().model(), text, FEATURES_PER_TOKEN), r -> {
                    prompt.set(r);
                    note.set(r.tokens().size() + " tokens read.");
                }, this::failed);
    }

    /** Splices A into the model on the first {@value #SPLICE_TOKENS} tokens of the bundled corpus. */
    void measure() {
        Pair pair = pair();
        if (pair == null) {
            return;
        }
        note.set("Splicing " + pair.a.source().name() + " into " + pair.lm.name() + "…");
        splices.start("Splicing the SAE into the model", m -> {
            TokenContexts contexts = TokenContexts.of(Corpora.bundled(), pair.lm.tokenizer(), SPLICE_CONTEXT,
                    SPLICE_TOKENS, pair.lm.model().config().nPositions());
            return SpliceMetrics.evaluate(pair.lm.model(), pair.hook, pair.a.checkpoint().model(),
                    contexts.contexts(), m);
        }, r -> {
            splice.set(r);
            note.set(String.format("Spliced over %,d tokens of the bundled corpus.", r.tokens()));
        }, this::failed);
    }

    void cancel() {
        prompts.cancel();
        splices.cancel();
    }

    ReadOnlyObjectProperty<PromptFeatures.Result> promptProperty() {
        return prompt.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<SpliceMetrics.Result> spliceProperty() {
        return splice.getReadOnlyProperty();
    }

    /** The running splice (progress, cancel), or null. */
    ReadOnlyObjectProperty<Job> spliceJobProperty() {
        return splices.jobProperty();
    }

    /** What the probe needs, is doing or found. */
    ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    private record Pair(LanguageModel lm, InspectedCheckpoint a, HookPoint hook) {
    }

    /** The model and A with A's hook in the model, or null with the reason in the note. */
    private Pair pair() {
        LanguageModel lm = model.get();
        InspectedCheckpoint a = primary.get();
        if (lm == null || a == null) {
            note.set(lm == null ? "Load the language model the SAE was trained on (Load model…)." : "Open a checkpoint.");
            return null;
        }
        String hook = a.checkpoint().hookName();
        if (hook == null || hook.isBlank()) {
            note.set(a.source().name() + " names no hook point in its configuration, so it cannot be spliced in.");
            return null;
        }
        try {
            return new Pair(lm, a, HookPoint.parse(hook, lm.model().config().nLayer()));
        } catch (InvalidInputException e) {
            note.set(ErrorText.forPeople(e, FieldLabels.TABLE));
            return null;
        }
    }

    private void failed(Throwable e) {
        if (e instanceof CancelledException) {
            note.set("Cancelled.");
            return;
        }
        String why = ErrorText.forPeople(e, FieldLabels.TABLE);
        note.set(why);
        ctx.errors().report("Cannot read the SAE through the model", why);
    }

    private void clear() {
        prompts.abandon();
        splices.abandon();
        prompt.set(null);
        splice.set(null);
        note.set("");
    }
}
