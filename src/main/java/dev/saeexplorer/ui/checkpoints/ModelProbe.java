package dev.saeexplorer.ui.checkpoints;

import dev.saeexplorer.charts.DashboardHtml;
import dev.saeexplorer.core.compute.SubTask;
import dev.saeexplorer.core.features.StoreManifest;
import dev.saeexplorer.core.features.StoreShelf;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
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
 * Checkpoint A read through the loaded language model: the prompt view (per token, A's most active features), A (and B
 * when comparing) spliced into the model at its hook (cross-entropy recovered, KL, L0, explained variance) and A's
 * feature dashboards (a feature store over the corpus the {@link DashboardForm} names). Stores are kept on a
 * {@link StoreShelf}: when the model and A are loaded again, the newest store built for them reopens by itself, and
 * the others are offered. Each runs in the background, one at a time, and is cleared when the model or A changes.
 */
final class ModelProbe {
    /** Enough text for stable numbers in seconds on GPT-2 small: the bundled corpus's first contexts. */
    static final long SPLICE_TOKENS = 2_000;
    static final int SPLICE_CONTEXT = 64;
    static final int FEATURES_PER_TOKEN = 5;

    private final WorkspaceContext ctx;
    private final ReadOnlyObjectProperty<LanguageModel> model;
    private final ReadOnlyObjectProperty<InspectedCheckpoint> primary;
    private final ReadOnlyObjectProperty<InspectedCheckpoint> comparison;
    private final LatestRun prompts;
    private final LatestRun splices;
    private final LatestRun dashboards;
    private final StoreShelf shelf;
    private final DashboardForm form = new DashboardForm();
    private final ObservableList<StoreShelf.Entry> remembered = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<FeatureStore> store = new ReadOnlyObjectWrapper<>(this, "store");
    private final ReadOnlyObjectWrapper<PromptFeatures.Result> prompt = new ReadOnlyObjectWrapper<>(this, "prompt");
    private final ReadOnlyObjectWrapper<SpliceMetrics.Result> splice = new ReadOnlyObjectWrapper<>(this, "splice");
    private final ReadOnlyObjectWrapper<SpliceMetrics.Result> spliceB = new ReadOnlyObjectWrapper<>(this, "spliceB");
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note", "");
    private final StringProperty promptText = new SimpleStringProperty(this, "promptText",
            "The river bank was covered in reeds.");

    /** @param storesRoot where feature stores are kept, one folder per model, checkpoint, corpus and settings */
    ModelProbe(WorkspaceContext ctx, ReadOnlyObjectProperty<LanguageModel> model,
               ReadOnlyObjectProperty<InspectedCheckpoint> primary,
               ReadOnlyObjectProperty<InspectedCheckpoint> comparison, Path storesRoot) {
        this.ctx = ctx;
        this.shelf = new StoreShelf(storesRoot);
        this.model = model;
        this.primary = primary;
        this.comparison = comparison;
        this.prompts = new LatestRun(ctx.executor());
        this.splices = new LatestRun(ctx.executor());
        this.dashboards = new LatestRun(ctx.executor());
        model.addListener((obs, was, now) -> pairChanged());
        primary.addListener((obs, was, now) -> pairChanged());
        comparison.addListener((obs, was, now) -> spliceB.set(null));
    }

    /** The prompt as typed. */
    StringProperty promptTextProperty() {
        return promptText;
    }

    /** What the next dashboards are built from. */
    DashboardForm form() {
        return form;
    }

    /** The stores built before for this model and A, newest first. */
    ObservableList<StoreShelf.Entry> remembered() {
        return remembered;
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

    /** A's and B's splices: B's is null when there is no B or it cannot be spliced ({@code whyNotB} says why). */
    private record Splices(SpliceMetrics.Result a, SpliceMetrics.Result b, String whyNotB) {
    }

    /**
     * Splices A, and B when comparing, into the model on the first {@value #SPLICE_TOKENS} tokens of the bundled
     * corpus (the same contexts for both).
     */
    void measure() {
        Pair pair = pair();
        if (pair == null) {
            return;
        }
        InspectedCheckpoint b = comparison.get();
        note.set("Splicing " + pair.a.source().name() + (b == null ? "" : " and " + b.source().name()) + " into "
                + pair.lm.name() + "…");
        splices.start("Splicing the SAE into the model", m -> {
            TokenContexts contexts = TokenContexts.of(Corpora.bundled(), pair.lm.tokenizer(), SPLICE_CONTEXT,
                    SPLICE_TOKENS, pair.lm.model().config().nPositions());
            double share = b == null ? 1 : 0.5;
            SpliceMetrics.Result ra = SpliceMetrics.evaluate(pair.lm.model(), pair.hook, pair.a.checkpoint().model(),
                    contexts.contexts(), SubTask.of(m, 0, share, "A"));
            if (b == null) {
                return new Splices(ra, null, "");
            }
            try {
                HookPoint hookB = hookOf(b, pair.lm);
                return new Splices(ra, SpliceMetrics.evaluate(pair.lm.model(), hookB, b.checkpoint().model(),
                        contexts.contexts(), SubTask.of(m, share, 1 - share, "B")), "");
            } catch (InvalidInputException e) {
                return new Splices(ra, null, "B: " + ErrorText.forPeople(e, FieldLabels.TABLE));
            }
        }, r -> {
            splice.set(r.a());
            spliceB.set(r.b());
            note.set(String.format("Spliced over %,d tokens of the bundled corpus.", r.a().tokens())
                    + (r.whyNotB().isEmpty() ? "" : " " + r.whyNotB()));
        }, this::failed);
    }

    /**
     * Opens A's feature store for the corpus and settings of the {@link #form()}, building it first when the shelf has
     * none for exactly this model, A, corpus and settings.
     */
    void buildDashboards() {
        Pair pair = pair();
        if (pair == null) {
            return;
        }
        DashboardForm.Request request;
        try {
            request = form.request();
        } catch (InvalidInputException e) {
            note.set(ErrorText.forPeople(e, FieldLabels.TABLE));
            return;
        }
        note.set("Opening or building the feature dashboards of " + pair.a.source().name() + " over "
                + request.corpusName() + "…");
        dashboards.start("Feature dashboards of " + pair.a.source().name(), m -> {
            Corpus corpus = request.corpus();
            FeatureStoreBuild.Request build = new FeatureStoreBuild.Request(pair.lm.folder(), pair.a.checkpoint(),
                    pair.hook.name(), corpus, request.settings());
            Fingerprints f = fingerprints(pair);
            StoreIdentity identity = new StoreIdentity(f.model(), f.sae(), StoreIdentity.Source.of(corpus));
            Path dir = shelf.folderFor(identity, request.settings());
            FeatureStore existing = reusable(dir, identity);
            if (existing == null) {
                FeatureStoreBuild.run(build, pair.lm.model(), dir, true, m);
                existing = FeatureStore.open(dir);
            }
            return new Opened(existing, shelf.storesOf(identity.sae(), identity.model()));
        }, this::opened, this::failed);
    }

    /** Opens a store the shelf remembers (one of {@link #remembered()}). */
    void open(StoreShelf.Entry entry) {
        if (entry == null || pair() == null) {
            return;
        }
        note.set("Opening the feature dashboards over " + entry.manifest().corpus().source() + "…");
        List<StoreShelf.Entry> list = List.copyOf(remembered);
        dashboards.start("Feature dashboards", m -> new Opened(FeatureStore.open(entry.dir()), list), this::opened,
                this::failed);
    }

    /** A store and the shelf's list of stores for the same model and A. */
    private record Opened(FeatureStore store, List<StoreShelf.Entry> shelf) {
    }

    private void opened(Opened o) {
        remembered.setAll(o.shelf());
        store.set(o.store());
        StoreManifest m = o.store().manifest();
        note.set(String.format("Feature dashboards over %,d tokens of %s (%s): select a feature.",
                m.counts().tokens(), m.corpus().source(), o.store().directory()));
    }

    /** The store in {@code dir} when it was built from exactly these inputs; else null (build it again). */
    private static FeatureStore reusable(Path dir, StoreIdentity identity) {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try {
            FeatureStore s = FeatureStore.open(dir);
            s.checkModel(identity.model());
            s.checkSae(identity.sae());
            s.checkCorpus(identity.corpus());
            return s;
        } catch (InvalidInputException stale) {
            return null; // damaged or built from something else: build it again
        }
    }

    /**
     * Looks on the shelf for stores of this model and A, and opens the newest: dashboards built once come back
     * with the checkpoint. Quiet: finding none, or a damaged one, is no error.
     */
    private void recall() {
        Pair pair = pair();
        if (pair == null) {
            return;
        }
        dashboards.start("Looking for feature dashboards built before", m -> {
            Fingerprints f = fingerprints(pair);
            List<StoreShelf.Entry> found = shelf.storesOf(f.sae(), f.model());
            for (StoreShelf.Entry e : found) {
                try {
                    return new Opened(FeatureStore.open(e.dir()), found);
                } catch (InvalidInputException damaged) {
                    // try the next newest
                }
            }
            return null;
        }, o -> {
            if (o != null) {
                opened(o);
            }
        }, e -> {
            // Not worth a dialog (nothing was asked for), but not silent either: the note says why none reopened.
            if (!(e instanceof CancelledException)) {
                note.set("Could not look for dashboards built before: " + ErrorText.forPeople(e, FieldLabels.TABLE));
            }
        });
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

    /** A spliced into the model, or null. */
    ReadOnlyObjectProperty<SpliceMetrics.Result> spliceProperty() {
        return splice.getReadOnlyProperty();
    }

    /** B spliced into the model with A (same contexts), or null. */
    ReadOnlyObjectProperty<SpliceMetrics.Result> spliceBProperty() {
        return spliceB.getReadOnlyProperty();
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

    /** The model's and A's content fingerprints for one pair (hashing GPT-2 small reads 500 MB: done once). */
    private record Fingerprints(LanguageModel lm, InspectedCheckpoint a, String hook, StoreIdentity.Model model,
                                StoreIdentity.Sae sae) {
    }

    private volatile Fingerprints fingerprints;

    /** The pair's fingerprints, computed on the first background job that needs them and kept for the next. */
    private Fingerprints fingerprints(Pair pair) {
        Fingerprints f = fingerprints;
        if (f == null || f.lm() != pair.lm || f.a() != pair.a || !f.hook().equals(pair.hook.name())) {
            f = new Fingerprints(pair.lm, pair.a, pair.hook.name(), StoreIdentity.Model.of(pair.lm.folder()),
                    StoreIdentity.Sae.of(pair.a.checkpoint(), pair.hook.name()));
            fingerprints = f;
        }
        return f;
    }

    /** The model and A with A's hook in the model, or null with the reason in the note. */
    private Pair pair() {
        LanguageModel lm = model.get();
        InspectedCheckpoint a = primary.get();
        if (lm == null || a == null) {
            note.set(lm == null ? NEEDS_MODEL : "Open a checkpoint.");
            return null;
        }
        try {
            return new Pair(lm, a, hookOf(a, lm));
        } catch (InvalidInputException e) {
            note.set(ErrorText.forPeople(e, FieldLabels.TABLE));
            return null;
        }
    }

    /** What the probe says while no model is loaded: what it needs and how to get it. */
    static final String NEEDS_MODEL = "Load the language model the SAE was trained on (Load model…): a Hugging Face"
            + " GPT-2 folder with config.json and model.safetensors. To get GPT-2 small and a public SAE for it onto"
            + " this machine, on a computer with internet access run “huggingface-cli download gpt2” and"
            + " “huggingface-cli download jbloom/GPT2-Small-SAEs-Reformatted --include 'blocks.8.hook_resid_pre/*'”"
            + " (SAELens layout), then copy the model's snapshot folder and the SAE's blocks.8.hook_resid_pre folder"
            + " here and open them with Load model… and Open….";

    /** {@code c}'s hook point in {@code lm}, or an {@link InvalidInputException} saying why it has none. */
    private static HookPoint hookOf(InspectedCheckpoint c, LanguageModel lm) {
        String hook = c.checkpoint().hookName();
        if (hook == null || hook.isBlank()) {
            throw new InvalidInputException(c.source().name() + " names no hook point in its configuration, so it"
                    + " cannot be spliced in.");
        }
        return HookPoint.parse(hook, lm.model().config().nLayer());
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

    /** The model or A changed: forget what was read through the old pair and look for stores of the new one. */
    private void pairChanged() {
        prompts.abandon();
        splices.abandon();
        dashboards.abandon();
        prompt.set(null);
        splice.set(null);
        spliceB.set(null);
        store.set(null);
        remembered.clear();
        note.set("");
        if (model.get() != null && primary.get() != null) {
            recall();
        }
    }
}
