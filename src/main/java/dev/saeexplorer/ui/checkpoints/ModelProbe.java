package dev.saeexplorer.ui.checkpoints;

import dev.saeexplorer.charts.DashboardHtml;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.AtomicFiles;
import dev.saeexplorer.core.compute.CancelledException;
import dev.saeexplorer.core.corpus.Corpora;
import dev.saeexplorer.core.corpus.Corpus;
import dev.saeexplorer.core.features.FeatureStore;
import dev.saeexplorer.core.features.FeatureStoreBuild;
import dev.saeexplorer.core.features.StoreIdentity;
import dev.saeexplorer.core.features.StoreSettings;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Checkpoint A read through the loaded language model: the prompt view (per token, A's most active features), A
 * spliced into the model at its hook (cross-entropy recovered, KL, L0, explained variance) and A's feature dashboards
 * (a feature store), all on the bundled corpus. Each runs in the background, one at a time, and is cleared when the
 * model or A changes.
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
    private final LatestRun dashboards;
    private final Path storesRoot;
    private final ReadOnlyObjectWrapper<FeatureStore> store = new ReadOnlyObjectWrapper<>(this, "store");
    private final ReadOnlyObjectWrapper<PromptFeatures.Result> prompt = new ReadOnlyObjectWrapper<>(this, "prompt");
    private final ReadOnlyObjectWrapper<SpliceMetrics.Result> splice = new ReadOnlyObjectWrapper<>(this, "splice");
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note", "");
    private final StringProperty promptText = new SimpleStringProperty(this, "promptText",
            "The river bank was covered in reeds.");

    ModelProbe(WorkspaceContext ctx, ReadOnlyObjectProperty<LanguageModel> model,
               ReadOnlyObjectProperty<InspectedCheckpoint> primary) {
        this(ctx, model, primary, Path.of(System.getProperty("user.home"), ".sae-explorer", "feature-stores"));
    }

    /** @param storesRoot where feature stores are kept, one folder per model, checkpoint and hook */
    ModelProbe(WorkspaceContext ctx, ReadOnlyObjectProperty<LanguageModel> model,
               ReadOnlyObjectProperty<InspectedCheckpoint> primary, Path storesRoot) {
        this.ctx = ctx;
        this.storesRoot = storesRoot;
        this.model = model;
        this.primary = primary;
        this.prompts = new LatestRun(ctx.executor());
        this.splices = new LatestRun(ctx.executor());
        this.dashboards = new LatestRun(ctx.executor());
        model.addListener((obs, was, now) -> clear());
        primary.addListener((obs, was, now) -> clear());
    }

    /** The prompt as typed. */
    StringProperty promptTextProperty() {
        return promptText;
    }

    /** Reads the prompt with A's features; the result replaces the last one. */
    void read() {
        String text = promptText.get();
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

    /**
     * Opens A's feature store over the bundled corpus, building it first when there is none for this model, A and
     * corpus (stores are kept under the stores root, so the next time it opens at once).
     */
    void buildDashboards() {
        Pair pair = pair();
        if (pair == null) {
            return;
        }
        Path dir = storesRoot.resolve(storeName(pair));
        note.set("Opening or building the feature dashboards of " + pair.a.source().name() + "…");
        dashboards.start("Feature dashboards of " + pair.a.source().name(), m -> {
            Corpus corpus = Corpora.bundled();
            FeatureStoreBuild.Request request = new FeatureStoreBuild.Request(pair.lm.folder(), pair.a.checkpoint(),
                    pair.hook.name(), corpus, new StoreSettings(StoreSettings.DEFAULT_CONTEXT_SIZE, null,
                    StoreSettings.DEFAULT_TOP_K, 0));
            FeatureStore existing = reusable(dir, request);
            if (existing != null) {
                return existing;
            }
            FeatureStoreBuild.run(request, pair.lm.model(), dir, true, m);
            return FeatureStore.open(dir);
        }, s -> {
            store.set(s);
            note.set(String.format("Feature dashboards over %,d tokens of the bundled corpus (%s): select a feature.",
                    s.manifest().counts().tokens(), dir));
        }, this::failed);
    }

    /** The store in {@code dir} when it was built from exactly this model, SAE and corpus; else null (rebuild). */
    private static FeatureStore reusable(Path dir, FeatureStoreBuild.Request request) {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try {
            FeatureStore s = FeatureStore.open(dir);
            s.checkModel(StoreIdentity.Model.of(request.modelFolder()));
            s.checkSae(StoreIdentity.Sae.of(request.sae(), request.hook()));
            s.checkCorpus(StoreIdentity.Source.of(request.corpus()));
            return s;
        } catch (InvalidInputException stale) {
            return null; // damaged or built from something else: build it again
        }
    }

    private static String storeName(Pair pair) {
        String key = pair.lm.folder().toAbsolutePath() + "|" + pair.a.source().key() + "|" + pair.hook.name();
        return pair.a.source().name().replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                + Integer.toHexString(key.hashCode());
    }

    /**
     * Writes the dashboard of {@code feature} as a self-contained HTML page (atomically); a failure is reported, never
     * thrown.
     */
    void exportDashboard(int feature, Path file) {
        FeatureStore s = store.get();
        InspectedCheckpoint a = primary.get();
        LanguageModel lm = model.get();
        if (s == null || a == null || feature < 0 || feature >= s.features()) {
            return;
        }
        try {
            String title = "Feature " + feature + " of " + a.source().name()
                    + (lm == null ? "" : " on " + lm.name()) + " (" + s.manifest().identity().corpus().source() + ")";
            String html = DashboardHtml.render(s.feature(feature), title, this::tokenText);
            AtomicFiles.write(file, out -> out.write(html.getBytes(StandardCharsets.UTF_8)));
            note.set("Wrote the dashboard of feature " + feature + " to " + file + ".");
        } catch (RuntimeException e) {
            ctx.errors().report("Cannot export the dashboard", ErrorText.forPeople(e, FieldLabels.TABLE));
        }
    }

    /** A token's text in the loaded model's tokenizer (for the dashboards), or its id without a model. */
    String tokenText(int id) {
        LanguageModel lm = model.get();
        return lm == null ? "#" + id : lm.tokenizer().tokenString(id);
    }

    /** A's feature store, once built or opened. */
    ReadOnlyObjectProperty<FeatureStore> storeProperty() {
        return store.getReadOnlyProperty();
    }

    /** The running dashboard build (progress, cancel), or null. */
    ReadOnlyObjectProperty<Job> dashboardJobProperty() {
        return dashboards.jobProperty();
    }

    void cancel() {
        prompts.cancel();
        splices.cancel();
        dashboards.cancel();
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
        dashboards.abandon();
        prompt.set(null);
        splice.set(null);
        store.set(null);
        note.set("");
    }
}
