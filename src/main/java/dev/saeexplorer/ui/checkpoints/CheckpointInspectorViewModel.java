package dev.saeexplorer.ui.checkpoints;

import dev.saeexplorer.core.lm.CachedSaes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.compute.CancelledException;
import dev.saeexplorer.core.lm.FeatureLens;
import dev.saeexplorer.core.lm.HuggingFaceCache;
import dev.saeexplorer.core.lm.LanguageModel;
import dev.saeexplorer.core.metrics.DecoderMatch;
import dev.saeexplorer.ui.workspace.AppPreferences;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import dev.saeexplorer.ui.workspace.WorkspaceModel;
import dev.saeexplorer.ui.common.ErrorText;
import dev.saeexplorer.ui.common.FieldLabels;
import dev.saeexplorer.ui.jobs.Job;
import dev.saeexplorer.ui.jobs.LatestRun;
import dev.saeexplorer.ui.jobs.LatestWins;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The checkpoint inspector without a stage: checkpoint A (and B to compare with), an optional language model for the
 * logit lens, and what is derived from them — the configuration table, the distributions, the feature list, the
 * best matches of A's features in B, and the detail of the selected feature. Everything is read and changed on the
 * UI thread; loading and computing run through the context's executor, and a load that fails leaves what was loaded.
 */
public final class CheckpointInspectorViewModel implements WorkspaceModel {
    static final String RECENT_CHECKPOINTS = "checkpoint";

    private final WorkspaceContext ctx;
    private final AppPreferences prefs;
    private final ModelSlot models;
    private final FeatureList features = new FeatureList();
    private final LatestWins<FeatureDetail> details;
    /** Each kind of job, the latest counting: a callback of a job that a newer request replaced is ignored. */
    private final LatestRun primaryOpens;
    private final LatestRun comparisonOpens;
    private final LatestRun matching;
    private final LatestRun lensing;
    private final ModelProbe probe;
    private final Supplier<List<CachedSaes.CachedSae>> saeCache;
    private final ObservableList<CachedSaes.CachedSae> cachedSaes = FXCollections.observableArrayList();
    private final ObservableList<CachedSaes.CachedSae> cachedSaesView =
            FXCollections.unmodifiableObservableList(cachedSaes);

    private final ReadOnlyObjectWrapper<InspectedCheckpoint> primary = new ReadOnlyObjectWrapper<>(this, "primary");
    private final ReadOnlyObjectWrapper<InspectedCheckpoint> comparison = new ReadOnlyObjectWrapper<>(this, "comparison");
    private final ReadOnlyObjectWrapper<DecoderMatch> match = new ReadOnlyObjectWrapper<>(this, "match");
    private final ReadOnlyObjectWrapper<FeatureDetail> detail = new ReadOnlyObjectWrapper<>(this, "detail");
    private final ReadOnlyObjectWrapper<Map<Distribution, HistogramPair>> distributions =
            new ReadOnlyObjectWrapper<>(this, "distributions", Distributions.of(null, null, null));
    private final ReadOnlyIntegerWrapper selected = new ReadOnlyIntegerWrapper(this, "selected", -1);
    private final ReadOnlyBooleanWrapper opening = new ReadOnlyBooleanWrapper(this, "opening", false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status",
            "Open an SAE checkpoint: a SAELens, sparsify, OpenAI, dictionary_learning, Gemma Scope or Llama Scope"
                    + " folder or file, or the bundled sample.");
    private final ReadOnlyStringWrapper lensNote = new ReadOnlyStringWrapper(this, "lensNote", NO_MODEL);
    private final ObservableList<ConfigRow> config = FXCollections.observableArrayList();
    private final ObservableList<String> recentCheckpoints = FXCollections.observableArrayList();
    // Made once: an unmodifiable view listens weakly to its list, so a fresh view per call could be collected with
    // the listeners a view attached to it.
    private final ObservableList<ConfigRow> configView = FXCollections.unmodifiableObservableList(config);
    private final ObservableList<String> recentCheckpointsView = FXCollections.unmodifiableObservableList(recentCheckpoints);

    private static final String NO_MODEL = "Load a language model (GPT-2 family) to see each feature's logit-lens tokens.";

    private int pendingFeature = -1;
    private FeatureLens lens;

    /**
     * @param prefs remembers recent checkpoints and model folders
     * @param cache lists the GPT-2 models of the local Hugging Face cache (called off the FX thread)
     */
    public CheckpointInspectorViewModel(WorkspaceContext ctx, AppPreferences prefs,
                                        Supplier<List<HuggingFaceCache.CachedModel>> cache) {
        this(ctx, prefs, cache, List::of);
    }

    /** @param saeCache lists the SAE checkpoints of the local Hugging Face cache (called off the FX thread) */
    public CheckpointInspectorViewModel(WorkspaceContext ctx, AppPreferences prefs,
                                        Supplier<List<HuggingFaceCache.CachedModel>> cache,
                                        Supplier<List<CachedSaes.CachedSae>> saeCache) {
        this.saeCache = saeCache;
        this.ctx = ctx;
        this.prefs = prefs;
        this.models = new ModelSlot(ctx, prefs, cache, status::set);
        this.details = new LatestWins<>(ctx.executor(), ctx.synchronous());
        this.primaryOpens = new LatestRun(ctx.executor());
        this.comparisonOpens = new LatestRun(ctx.executor());
        this.matching = new LatestRun(ctx.executor());
        this.lensing = new LatestRun(ctx.executor());
        this.probe = new ModelProbe(ctx, models.modelProperty(), primary.getReadOnlyProperty(),
                comparison.getReadOnlyProperty(), prefs.featureStores());
        probe.storeProperty().addListener((obs, was, now) -> features.showStore(now));
        probe.spliceProperty().addListener((obs, was, now) -> refreshConfig());
        probe.spliceBProperty().addListener((obs, was, now) -> refreshConfig());
        opening.bind(primaryOpens.runningProperty().or(comparisonOpens.runningProperty()));
        recentCheckpoints.setAll(prefs.recent(RECENT_CHECKPOINTS));
        // A newly loaded model is paired with A (a mismatch is explained); unloading drops the lens.
        models.modelProperty().addListener((obs, old, now) -> {
            pairLens(now != null);
            refreshDetail();
        });
    }

    // ------------------------------------------------------------------------------------------ checkpoints

    /** Opens {@code source} as checkpoint A; B, the model and the search stay. */
    public void open(CheckpointSource source) {
        load(Objects.requireNonNull(source), false);
    }

    public void open(Path path) {
        open(new CheckpointSource.OnDisk(path));
    }

    /** Opens {@code source} as checkpoint B, compared with A. */
    public void compareWith(CheckpointSource source) {
        load(Objects.requireNonNull(source), true);
    }

    public void compareWith(Path path) {
        compareWith(new CheckpointSource.OnDisk(path));
    }

    /** Opens a key of the recent list; one that no longer parses (a sample renamed) is reported. */
    public void openRecent(String key, boolean asB) {
        CheckpointSource source;
        try {
            source = CheckpointSource.parse(key);
        } catch (InvalidInputException e) {
            ctx.errors().report("Cannot open the checkpoint", e.getMessage() + "\n\nPick another checkpoint.");
            return;
        }
        load(source, asB);
    }

    public void clearComparison() {
        comparisonOpens.abandon();
        comparison.set(null);
        derive(false);
        status.set(primary.get() == null ? status.get() : "Showing " + primary.get().headline() + ".");
    }

    /** Files dropped on the workspace: one opens as A, two open as A and B. */
    public void openDropped(List<Path> paths) {
        if (paths.size() == 1) {
            open(paths.get(0));
        } else if (paths.size() == 2) {
            open(paths.get(0));
            compareWith(paths.get(1));
        } else {
            ctx.errors().report("Cannot open " + paths.size() + " files at once",
                    "Drop one checkpoint folder (or its cfg.json or .safetensors file) to inspect it, or two to "
                            + "compare them.");
        }
    }

    private void load(CheckpointSource source, boolean asB) {
        status.set("Opening " + source.name() + (asB ? " to compare with…" : "…"));
        (asB ? comparisonOpens : primaryOpens).start("Opening " + source.name(),
                m -> InspectedCheckpoint.open(source, m), c -> opened(c, asB), e -> openFailed(source, asB, e));
    }

    private void opened(InspectedCheckpoint c, boolean asB) {
        // Only folders: the list is shared with other workspaces, and the bundled samples are always in the menu.
        if (c.source() instanceof CheckpointSource.OnDisk) {
            prefs.addRecent(RECENT_CHECKPOINTS, c.checkpoint().directory().toAbsolutePath().normalize().toString());
            recentCheckpoints.setAll(prefs.recent(RECENT_CHECKPOINTS));
        }
        if (asB) {
            comparison.set(c);
            status.set("Comparing " + nameOf(primary.get()) + " (A) with " + c.headline() + " (B).");
        } else {
            primary.set(c);
            features.show(c);
            int f = pendingFeature >= 0 && pendingFeature < c.dSae() ? pendingFeature : 0;
            pendingFeature = -1;
            selected.set(-1);
            selected.set(c.dSae() > 0 ? f : -1);
            status.set("Opened " + c.headline() + ", " + ConfigRows.format(c.checkpoint().format()) + ".");
        }
        derive(!asB);
        if (c.densityProblem() != null) {
            ctx.errors().report("The activation densities cannot be used", c.densityProblem() + "\n\n"
                    + c.source().name() + " is open without its density histogram. Remove or regenerate "
                    + "sparsity.safetensors (SAELens writes it while training) to see it.");
        }
    }

    private void openFailed(CheckpointSource source, boolean asB, Throwable e) {
        if (e instanceof CancelledException) {
            status.set("Opening " + source.name() + " was cancelled.");
            return;
        }
        InspectedCheckpoint kept = asB ? comparison.get() : primary.get();
        String why = ErrorText.forPeople(e, FieldLabels.TABLE);
        status.set("Could not open " + source.name() + ": " + why);
        ctx.errors().report("Cannot open the checkpoint", why + "\n\nPick a checkpoint folder that holds cfg.json "
                + "and sae_weights.safetensors (SAELens) or sae.safetensors (sparsify), an OpenAI .pt, a dictionary_learning"
                + " ae.pt with its config.json, a Gemma Scope params.npz or a Llama Scope folder (hyperparams.json)."
                + (kept == null ? "" : " " + kept.source().name() + " stays open" + (asB ? " as B." : ".")));
    }

    private void refreshConfig() {
        config.setAll(ConfigRows.of(primary.get(), comparison.get(), probe.spliceProperty().get(),
                probe.spliceBProperty().get()));
    }

    /** Recomputes what depends on A, B and the model; {@code primaryChanged} re-pairs the lens. */
    private void derive(boolean primaryChanged) {
        refreshConfig();
        rematch();
        if (primaryChanged) {
            pairLens(true);
        }
        distributions.set(Distributions.of(primary.get(), comparison.get(), match.get()));
        refreshDetail();
    }

    // --------------------------------------------------------------------------------------------- matching

    private void rematch() {
        matching.abandon();
        match.set(null);
        features.showMatch(null);
        InspectedCheckpoint a = primary.get();
        InspectedCheckpoint b = comparison.get();
        if (a == null || b == null || a.dIn() != b.dIn()) {
            return;
        }
        matching.start("Matching the features of " + a.source().name() + " and " + b.source().name(),
                m -> DecoderMatch.best(a.checkpoint().model().wDec(), b.checkpoint().model().wDec(), m), r -> {
                    match.set(r);
                    features.showMatch(r);
                    distributions.set(Distributions.of(primary.get(), comparison.get(), r));
                    refreshDetail();
                }, e -> {
                    if (!(e instanceof CancelledException)) {
                        ctx.errors().report("Cannot compare the checkpoints", ErrorText.forPeople(e, FieldLabels.TABLE));
                    }
                });
    }

    // ---------------------------------------------------------------------------------------- language model

    /** Loads a GPT-2 family folder in the background (progress and cancel in {@link #modelJobProperty()}). */
    public void loadModel(Path folder) {
        models.load(folder);
    }

    public void cancelModelLoad() {
        models.cancel();
    }

    public void unloadModel() {
        models.unload();
    }

    /** Fills {@link #cachedModels()} from the Hugging Face cache, in the background. */
    public void refreshCachedModels() {
        models.refreshCached();
    }

    /** Fills {@link #cachedSaes()} from the Hugging Face cache, in the background; quiet when it cannot. */
    public void refreshCachedSaes() {
        ctx.executor().submit("Looking for SAEs in the Hugging Face cache", m -> saeCache.get(), cachedSaes::setAll,
                e -> status.set("Could not list the Hugging Face cache: " + ErrorText.forPeople(e, FieldLabels.TABLE)));
    }

    /** SAE checkpoints found in the Hugging Face cache (after {@link #refreshCachedSaes()}). */
    public ObservableList<CachedSaes.CachedSae> cachedSaes() {
        return cachedSaesView;
    }

    /**
     * Pairs the model with A for the logit lens, or says why it cannot; the lens and every feature's top tokens are
     * then computed in one background job that fills the table as it goes.
     */
    private void pairLens(boolean reportMismatch) {
        lensing.abandon();
        lens = null;
        LanguageModel lm = models.modelProperty().get();
        InspectedCheckpoint a = primary.get();
        if (lm == null || a == null) {
            lensNote.set(lm == null ? NO_MODEL : "Open a checkpoint to see its logit-lens tokens.");
            features.setTokensAvailable(false);
            return;
        }
        if (a.dIn() != lm.dModel()) {
            String trained = a.checkpoint().modelName() == null ? ""
                    : " (its cfg.json names " + a.checkpoint().modelName() + ")";
            lensNote.set("No logit lens: " + a.source().name() + " reads d_in = " + a.dIn() + " but " + lm.name()
                    + " has d_model = " + lm.dModel() + ".");
            features.setTokensAvailable(false);
            if (reportMismatch) {
                ctx.errors().report("The SAE does not fit the model", "The SAE " + a.source().name() + " reads d_in = "
                        + a.dIn() + " but " + lm.name() + "'s d_model is " + lm.dModel() + ": it was trained on another"
                        + " model" + trained + ".\n\nFor logit-lens tokens, load the model the SAE was trained on (one"
                        + " with d_model " + a.dIn() + "), or open a checkpoint trained on " + lm.name() + " (d_in "
                        + lm.dModel() + "). Both stay loaded; everything else works without the lens.");
            }
            return;
        }
        features.setTokensAvailable(true);
        lensNote.set("Computing the logit lens…");
        int n = a.dSae();
        LatestRun.Ticket ticket = lensing.next();
        ticket.submit("Logit lens: top tokens of " + n + " features", m -> {
            FeatureLens built = new FeatureLens(lm.model(), a.checkpoint().model(), lm.tokenizer());
            ctx.executor().runOnUiThread(ticket.ifLatest(() -> lensReady(built)));
            return TokenStream.run(built, n, m, batch -> ctx.executor().runOnUiThread(
                    ticket.ifLatest(() -> features.putTokens(batch))));
        }, done -> status.set("Logit-lens tokens of all " + done + " features are in the table."), e -> {
            if (!(e instanceof CancelledException)) {
                lensNote.set("No logit lens: " + ErrorText.forPeople(e, FieldLabels.TABLE));
                ctx.errors().report("The logit lens failed", ErrorText.forPeople(e, FieldLabels.TABLE));
            }
        });
    }

    private void lensReady(FeatureLens built) {
        lens = built;
        lensNote.set("");
        refreshDetail();
    }

    // ------------------------------------------------------------------------------------------------ detail

    /** Selects a feature of A for the detail pane (−1: none). */
    public void select(int feature) {
        InspectedCheckpoint a = primary.get();
        int f = a == null || feature < 0 || feature >= a.dSae() ? -1 : feature;
        if (f != selected.get()) {
            selected.set(f);
            refreshDetail();
        }
    }

    private void refreshDetail() {
        InspectedCheckpoint a = primary.get();
        int f = selected.get();
        if (a == null || f < 0 || f >= a.dSae()) {
            detail.set(null);
            return;
        }
        DecoderMatch m = match.get();
        FeatureLens l = lens;
        String note = lensNote.get();
        details.request(mon -> FeatureDetail.of(a, f, m, l, note), detail::set,
                e -> ctx.errors().report("Cannot show feature " + f, ErrorText.forPeople(e, FieldLabels.TABLE)));
    }

    // ------------------------------------------------------------------------------------------------ session

    public JsonNode saveState() {
        LanguageModel lm = models.modelProperty().get();
        return new InspectorState(primary.get() == null ? null : primary.get().source(),
                comparison.get() == null ? null : comparison.get().source(), lm == null ? null : lm.folder(),
                selected.get(), features.queryProperty().get()).toJson();
    }

    /** Checks the whole state first (nothing changes when it is refused), then opens what differs from now. */
    public void restoreState(JsonNode json) {
        InspectorState s = InspectorState.parse(json);
        features.queryProperty().set(s.query());
        if (s.checkpoint() != null && !sameKey(primary.get(), s.checkpoint())) {
            pendingFeature = s.feature();
            open(s.checkpoint());
        } else {
            select(s.feature());
        }
        if (s.comparison() == null) {
            if (comparison.get() != null) {
                clearComparison();
            }
        } else if (!sameKey(comparison.get(), s.comparison())) {
            compareWith(s.comparison());
        }
        LanguageModel lm = models.modelProperty().get();
        if (s.model() == null) {
            if (lm != null) {
                unloadModel();
            }
        } else if (lm == null || !same(lm.folder(), s.model())) {
            loadModel(s.model());
        }
    }

    private static boolean same(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    private static boolean sameKey(InspectedCheckpoint c, CheckpointSource s) {
        return c != null && c.source().key().equals(s.key());
    }

    public void shutdown() {
        lensing.cancel();
        probe.cancel();
        matching.cancel();
        models.cancel();
        details.shutdown();
    }

    private static String nameOf(InspectedCheckpoint c) {
        return c == null ? "nothing" : c.source().name();
    }

    // ------------------------------------------------------------------------------------------- properties

    public ReadOnlyObjectProperty<InspectedCheckpoint> primaryProperty() {
        return primary.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<InspectedCheckpoint> comparisonProperty() {
        return comparison.getReadOnlyProperty();
    }

    /** A read through the loaded model: the prompt view and the spliced metrics. */
    ModelProbe probe() {
        return probe;
    }

    public ReadOnlyObjectProperty<LanguageModel> modelProperty() {
        return models.modelProperty();
    }

    /** The model load in progress (progress, message, cancel), or null. */
    public ReadOnlyObjectProperty<Job> modelJobProperty() {
        return models.jobProperty();
    }

    public ReadOnlyObjectProperty<DecoderMatch> matchProperty() {
        return match.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<FeatureDetail> detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Map<Distribution, HistogramPair>> distributionsProperty() {
        return distributions.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty openingProperty() {
        return opening.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Why there are no logit-lens tokens ("" when there are). */
    public ReadOnlyStringProperty lensNoteProperty() {
        return lensNote.getReadOnlyProperty();
    }

    public FeatureList features() {
        return features;
    }

    public ObservableList<ConfigRow> configRows() {
        return configView;
    }

    /** GPT-2 family models found in the Hugging Face cache (after {@link #refreshCachedModels()}). */
    public ObservableList<HuggingFaceCache.CachedModel> cachedModels() {
        return models.cached();
    }

    /** Recent checkpoint keys (paths, or "bundled:" ids), most recent first. */
    public ObservableList<String> recentCheckpoints() {
        return recentCheckpointsView;
    }

    public ObservableList<String> recentModels() {
        return models.recent();
    }
}
