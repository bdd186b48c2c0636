package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.core.features.FeatureStore;
import dev.saeexplorer.core.lm.CachedSaes;
import dev.saeexplorer.core.features.StoreShelf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.lm.HuggingFaceCache;
import dev.saeexplorer.core.lm.LanguageModel;
import dev.saeexplorer.core.sae.Weighting;
import dev.saeexplorer.ui.workspace.AppPreferences;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import dev.saeexplorer.ui.workspace.WorkspaceModel;
import dev.saeexplorer.ui.common.ErrorText;
import dev.saeexplorer.ui.common.FieldLabels;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The PS-Eval browser without a stage: the inputs (model, checkpoint A, optional checkpoint B, pairs), the run options,
 * the run and its results (Table 7 beside the random baseline), the pairs browser and SAE training on the model; or,
 * as the source, the synthetic polysemy world with its five encoders, which needs nothing on disk. Each
 * part does one job in its own class; this one wires them and decides when PS-Eval can run. UI thread only.
 */
public final class PsEvalViewModel implements WorkspaceModel {
    static final String MODEL_ADVICE = "Choose a Hugging Face GPT-2 folder that holds config.json and model.safetensors,"
            + " for example a snapshot folder under models--gpt2/snapshots/ in the Hugging Face cache.";
    static final String PAIRS_ADVICE = "Choose a WiC folder (with dev/, test/, train/) or a *.data.txt file, the PS-Eval"
            + " authors' JSON/JSONL file, or the bundled sample pairs.";

    private final WorkspaceContext ctx;
    private final HuggingFaceCache cache;
    private final RecentPaths recent;
    private final LoadSlot<LanguageModel> model;
    private final CheckpointInput checkpointA;
    private final CheckpointInput checkpointB;
    private final LoadSlot<LoadedDataset> pairs;
    private final RunForm options = new RunForm();
    private final ObjectProperty<PsEvalSource> source = new SimpleObjectProperty<>(this, "source", PsEvalSource.MODEL);
    private final WorldForm world = new WorldForm();
    private final ObservableList<WorldTable.Row> worldRows = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<WorldOutcome> worldResults = new ReadOnlyObjectWrapper<>(this, "worldResults");
    private final EvaluationRun run;
    private final PairBrowser browser;
    private final TrainingRun training;
    private final ObservableList<HuggingFaceCache.CachedModel> cached = FXCollections.observableArrayList();
    private final ObservableList<CachedSaes.CachedSae> cachedSaes = FXCollections.observableArrayList();
    private final ObservableList<Table7.Row> metrics = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<EvaluationJob.Outcome> results = new ReadOnlyObjectWrapper<>(this, "results");
    private final ReadOnlyStringWrapper resultTitle = new ReadOnlyStringWrapper(this, "resultTitle", "");
    private final StoreLink storeA;
    private final StoreLink storeB;
    private final StringBinding runBlocker;
    private final BooleanBinding canRun;

    public PsEvalViewModel(WorkspaceContext ctx, AppPreferences prefs, HuggingFaceCache cache,
                           EvaluationJob.EncoderFactory encoders) {
        this.ctx = ctx;
        this.cache = cache;
        this.recent = new RecentPaths(prefs);
        this.model = new LoadSlot<>(ctx, "the language model", LanguageModel::describe);
        this.checkpointA = new CheckpointInput(ctx, "checkpoint A");
        this.checkpointB = new CheckpointInput(ctx, "checkpoint B (compare with)");
        this.pairs = new LoadSlot<>(ctx, "the pairs", d -> d.spec().label() + " (" + d.describe() + ")");
        this.run = new EvaluationRun(ctx, encoders);
        this.browser = new PairBrowser(new LensCache(ctx));
        this.training = new TrainingRun(ctx);
        StoreShelf shelf = new StoreShelf(prefs.featureStores());
        this.storeA = new StoreLink(ctx, shelf, checkpointA);
        this.storeB = new StoreLink(ctx, shelf, checkpointB);
        runBlocker = Bindings.createStringBinding(this::blocker, source, world.firstErrorProperty(), model.valueProperty(), model.loadingProperty(),
                checkpointA.loadedProperty(), checkpointA.loadingProperty(), checkpointA.hook().textProperty(),
                checkpointB.loadedProperty(), checkpointB.loadingProperty(), checkpointB.hook().textProperty(),
                pairs.valueProperty(), pairs.loadingProperty(), options.firstErrorProperty(), run.runningProperty());
        canRun = Bindings.createBooleanBinding(() -> runBlocker.get().isEmpty() && !run.runningProperty().get(),
                runBlocker, run.runningProperty());
        ctx.executor().submit("Looking for GPT-2 models and SAEs in the Hugging Face cache",
                monitor -> new Cached(cache.gpt2Models(), cache.saes()), found -> {
                    cached.setAll(found.models());
                    cachedSaes.setAll(found.saes());
                }, error -> ctx.errors().report("Cannot read the Hugging Face cache",
                        ErrorText.forPeople(error, FieldLabels.TABLE) + " Models can still be chosen with Choose folder…."));
        loadPairs(DatasetSpec.sample());
    }

    // ---- inputs ----

    /** Loads a model folder in the background (progress and cancel: a GPT-2 small file is 500 MB). */
    public void loadModel(Path folder) {
        loadModel(folder, () -> { });
    }

    /** {@link #loadModel(Path)}, then {@code then} once the model is in (a restored session's checkpoints). */
    void loadModel(Path folder, Runnable then) {
        model.load(folder.toString(), monitor -> LanguageModel.load(folder, monitor),
                Compatibility::model, MODEL_ADVICE, loaded -> {
                    recent.add(RecentPaths.Kind.MODEL, folder);
                    warnAboutCheckpoints(loaded);
                    then.run();
                });
    }

    /** A new model is accepted even when a loaded checkpoint does not fit it: that checkpoint is what to change next. */
    private void warnAboutCheckpoints(LanguageModel loaded) {
        for (CheckpointInput c : List.of(checkpointA, checkpointB)) {
            String problem = c.problem(loaded);
            if (!problem.isEmpty()) {
                ctx.errors().report("The loaded checkpoint does not fit " + loaded.name(), problem);
                return;
            }
        }
    }

    /** Loads checkpoint A, or B (the comparison) when {@code b}. */
    public void loadCheckpoint(boolean b, Path path) {
        loadCheckpoint(b, path, "");
    }

    /** {@link #loadCheckpoint(boolean, Path)} with a typed hook point replacing the configuration's, unless empty. */
    void loadCheckpoint(boolean b, Path path, String hook) {
        CheckpointInput c = b ? checkpointB : checkpointA;
        c.load(path, model::get, sae -> {
            recent.add(RecentPaths.Kind.CHECKPOINT, path);
            if (!hook.isBlank()) {
                c.hook().textProperty().set(hook);
            }
        });
    }

    /** Ends the comparison. */
    public void clearCheckpointB() {
        checkpointB.slot().clear();
        checkpointB.hook().textProperty().set("");
    }

    public void loadPairs(DatasetSpec spec) {
        pairs.load(spec.label(), monitor -> spec.load(), d -> "", PAIRS_ADVICE, loaded -> {
            if (loaded.spec().kind() != DatasetSpec.Kind.SAMPLE) {
                recent.add(loaded.spec().kind() == DatasetSpec.Kind.WIC ? RecentPaths.Kind.WIC : RecentPaths.Kind.JSON,
                        loaded.spec().path());
            }
            // Results belong to the rows they were computed on: new pairs start unevaluated.
            metrics.clear();
            results.set(null);
            resultTitle.set("");
            browser.showRows(PairRow.unevaluated(loaded.data().rows()), null);
        });
    }

    // ---- the run ----

    private String blocker() {
        if (source.get() == PsEvalSource.WORLD) {
            return world.firstErrorProperty().get();
        }
        LanguageModel m = model.get();
        if (model.loadingProperty().get() || checkpointA.loadingProperty().get() || checkpointB.loadingProperty().get()
                || pairs.loadingProperty().get()) {
            return "Loading…";
        }
        if (m == null) {
            return "Load a language model first (the note at the top right says how).";
        }
        if (checkpointA.loaded() == null) {
            return "Choose an SAE checkpoint (A) trained on " + m.name() + ".";
        }
        if (pairs.get() == null) {
            return "Load pairs (the bundled sample, WiC or a PS-Eval JSON file).";
        }
        for (CheckpointInput c : List.of(checkpointA, checkpointB)) {
            String problem = c.problem(m);
            if (!problem.isEmpty()) {
                return (c == checkpointA ? "A: " : "B: ") + problem;
            }
        }
        return options.firstErrorProperty().get();
    }

    /**
     * Runs PS-Eval (and the comparison), or on the polysemy world its five encoders; refuses with the reason in the
     * status while something is missing.
     */
    public void run() {
        if (!canRun.get()) {
            return;
        }
        if (source.get() == PsEvalSource.WORLD) {
            run.start(world.spec(), this::showWorld);
            return;
        }
        EvaluationJob.Plan plan = new EvaluationJob.Plan(model.get(), pairs.get(), options.options(),
                side(checkpointA, checkpointB), checkpointB.loaded() == null ? null : side(checkpointB, checkpointA));
        run.start(plan, this::show);
    }

    private static EvaluationJob.Side side(CheckpointInput c, CheckpointInput other) {
        String name = c.loaded().name();
        // Two checkpoints in folders of the same name still need two column headers.
        if (other.loaded() != null && other.loaded().name().equals(name)) {
            name = name + " (" + c.loaded().path().toAbsolutePath().normalize().getParent() + ")";
        }
        return new EvaluationJob.Side(name, c.loaded().checkpoint().model(), c.hookPoint());
    }

    private void show(EvaluationJob.Outcome o) {
        metrics.setAll(Table7.rows(o.a(), o.b()));
        var p = o.plan();
        resultTitle.set(String.format(Locale.ROOT, "%s on %s at %s · %s · %s balance", p.a().name(), p.model().name(),
                p.a().hook().name(), p.dataset().spec().label(), p.options().balance().cliName())
                + (p.b() == null ? "" : " · compared with " + p.b().name()));
        browser.showRows(PairRow.of(o), o);
        results.set(o);
    }

    private void showWorld(WorldOutcome o) {
        worldRows.setAll(WorldTable.rows(o.result()));
        worldResults.set(o);
    }

    public void cancel() {
        run.cancel();
    }

    // ---- training ----

    /** Starts training on the loaded model; {@code replace} confirms replacing a non-empty output folder. */
    public void startTraining(boolean replace) {
        training.start(model.get(), pairs.get(), replace);
    }

    /** Loads the checkpoint the last training wrote as A, or as B to compare with A. */
    public void useTrained(boolean asB) {
        Path p = training.trainedProperty().get();
        if (p != null) {
            loadCheckpoint(asB, p);
        }
    }

    /** A sensible hook and output folder for the training form, from what is loaded. */
    public void prepareTraining(Path defaultParent) {
        TrainForm f = training.form();
        if (checkpointA.hookPoint() != null) {
            f.hook().textProperty().set(checkpointA.hookPoint().name());
        }
        if (!f.output().valid() && model.get() != null) {
            String hook = f.hook().valid() ? f.hook().value().name().replace("blocks.", "").replace(".hook_", "-") : "sae";
            f.output().textProperty().set(defaultParent.resolve(model.get().name().replace('/', '-') + "-" + hook + "-"
                    + (f.weightingProperty().get() == Weighting.VARIANCE ? "wsae" : "sae"))
                    .toString());
        }
    }

    // ---- session ----

    public JsonNode saveState() {
        return PsEvalState.save(this);
    }

    /** Checks everything first; on a problem throws {@link InvalidInputException} and nothing has changed. */
    public void restoreState(JsonNode state) {
        PsEvalState.restore(this, state);
    }

    public void shutdown() {
        run.shutdown();
        training.shutdown();
        model.cancel();
        checkpointA.cancelLoad();
        checkpointB.cancelLoad();
        pairs.cancel();
    }

    // ---- for the view ----

    public Path cacheFolder() {
        return cache.hub();
    }

    /** GPT-2 family models found in the Hugging Face cache (filled in the background). */
    private record Cached(List<HuggingFaceCache.CachedModel> models, List<CachedSaes.CachedSae> saes) {
    }

    /** SAE checkpoints found in the Hugging Face cache. */
    public ObservableList<CachedSaes.CachedSae> cachedSaes() {
        return cachedSaes;
    }

    public ObservableList<HuggingFaceCache.CachedModel> cachedModels() {
        return cached;
    }

    public RecentPaths recent() {
        return recent;
    }

    public ReadOnlyObjectProperty<LanguageModel> modelProperty() {
        return model.valueProperty();
    }

    LoadSlot<LanguageModel> modelSlot() {
        return model;
    }

    public CheckpointInput checkpointA() {
        return checkpointA;
    }

    public CheckpointInput checkpointB() {
        return checkpointB;
    }

    public ReadOnlyObjectProperty<LoadedDataset> pairsProperty() {
        return pairs.valueProperty();
    }

    LoadSlot<LoadedDataset> pairsSlot() {
        return pairs;
    }

    public RunForm options() {
        return options;
    }

    /** What PS-Eval runs on: the language model (the default) or the polysemy world. */
    public ObjectProperty<PsEvalSource> sourceProperty() {
        return source;
    }

    /** The polysemy world's settings. */
    public WorldForm world() {
        return world;
    }

    /** The last polysemy-world run shown, or null before one. */
    public ReadOnlyObjectProperty<WorldOutcome> worldResultsProperty() {
        return worldResults.getReadOnlyProperty();
    }

    /** Its counts and metrics, the five encoders side by side. */
    public ObservableList<WorldTable.Row> worldRows() {
        return worldRows;
    }

    /** Why Run is disabled, or "". */
    public StringBinding runBlockerProperty() {
        return runBlocker;
    }

    public BooleanBinding canRunProperty() {
        return canRun;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return run.runningProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return run.progressProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return run.statusProperty();
    }

    /** The run whose results are shown: null before one, and after new pairs were loaded. */
    public ReadOnlyObjectProperty<EvaluationJob.Outcome> resultsProperty() {
        return results.getReadOnlyProperty();
    }

    /** What the results are of: "sae-a on gpt2 at blocks.4.hook_resid_pre · …"; "" without results. */
    public ReadOnlyStringProperty resultTitleProperty() {
        return resultTitle.getReadOnlyProperty();
    }

    public ObservableList<Table7.Row> metrics() {
        return metrics;
    }

    /** The feature store built for checkpoint A ({@code b} false) or B at its hook, or null: dashboards to link to. */
    public ReadOnlyObjectProperty<FeatureStore> storeProperty(boolean b) {
        return (b ? storeB : storeA).storeProperty();
    }

    public PairBrowser browser() {
        return browser;
    }

    public TrainingRun training() {
        return training;
    }
}
