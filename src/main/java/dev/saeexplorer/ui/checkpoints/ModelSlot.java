package dev.saeexplorer.ui.checkpoints;

import dev.saeexplorer.core.compute.CancelledException;
import dev.saeexplorer.core.lm.HuggingFaceCache;
import dev.saeexplorer.core.lm.LanguageModel;
import dev.saeexplorer.ui.workspace.AppPreferences;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import dev.saeexplorer.ui.common.ErrorText;
import dev.saeexplorer.ui.common.FieldLabels;
import dev.saeexplorer.ui.jobs.Job;
import dev.saeexplorer.ui.jobs.LatestRun;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The language model for the logit lens: loaded in the background with progress and cancel (a GPT-2-small folder is
 * 500 MB); a load that fails or is cancelled keeps the model that was loaded. Also lists the models of the Hugging
 * Face cache and the recently loaded folders. Read and changed on the UI thread.
 */
final class ModelSlot {
    static final String RECENT = "model";

    private final WorkspaceContext ctx;
    private final AppPreferences prefs;
    private final Supplier<List<HuggingFaceCache.CachedModel>> cache;
    private final Consumer<String> status;
    private final ReadOnlyObjectWrapper<LanguageModel> model = new ReadOnlyObjectWrapper<>(this, "model");
    /** Loads, the latest counting: a load that a newer one replaced is cancelled and its callbacks ignored. */
    private final LatestRun loads;
    private final ObservableList<HuggingFaceCache.CachedModel> cached = FXCollections.observableArrayList();
    private final ObservableList<String> recent = FXCollections.observableArrayList();
    // Made once: an unmodifiable view listens weakly to its list.
    private final ObservableList<HuggingFaceCache.CachedModel> cachedView = FXCollections.unmodifiableObservableList(cached);
    private final ObservableList<String> recentView = FXCollections.unmodifiableObservableList(recent);

    ModelSlot(WorkspaceContext ctx, AppPreferences prefs, Supplier<List<HuggingFaceCache.CachedModel>> cache,
              Consumer<String> status) {
        this.ctx = ctx;
        this.prefs = prefs;
        this.cache = cache;
        this.status = status;
        this.loads = new LatestRun(ctx.executor());
        recent.setAll(prefs.recent(RECENT));
    }

    /** Loads {@code folder} in the background, replacing a load still running; a failure keeps the model loaded. */
    void load(Path folder) {
        LanguageModel before = model.get();
        status.accept("Loading the language model from " + folder + "…");
        loads.start("Loading " + HuggingFaceCache.displayName(folder), m -> LanguageModel.load(folder, m), lm -> {
            prefs.addRecent(RECENT, folder.toAbsolutePath().normalize().toString());
            recent.setAll(prefs.recent(RECENT));
            status.accept("Loaded " + lm.headline() + ".");
            model.set(lm);
        }, e -> failed(e, before));
    }

    private void failed(Throwable e, LanguageModel kept) {
        String keep = kept == null ? "" : " " + kept.name() + " stays loaded.";
        if (e instanceof CancelledException) {
            status.accept("Loading the model was cancelled." + keep);
            return;
        }
        String why = ErrorText.forPeople(e, FieldLabels.TABLE);
        status.accept("Could not load the model: " + why);
        ctx.errors().report("Cannot load the language model", why + "\n\nPick a Hugging Face GPT-2 folder that holds "
                + "config.json and model.safetensors, for example a snapshot under "
                + HuggingFaceCache.fromEnvironment().hub() + "/models--gpt2/snapshots/." + keep);
    }

    /** Asks the load in progress to stop; it ends as cancelled, and the model loaded before stays. */
    void cancel() {
        loads.cancel();
    }

    void unload() {
        loads.abandon();
        model.set(null);
    }

    /** Re-reads the Hugging Face cache in the background (it reads a config file per snapshot). */
    void refreshCached() {
        ctx.executor().submit("Looking for models in the Hugging Face cache", m -> cache.get(), cached::setAll,
                e -> status.accept("Could not list the Hugging Face cache: " + ErrorText.forPeople(e, FieldLabels.TABLE)));
    }

    ReadOnlyObjectProperty<LanguageModel> modelProperty() {
        return model.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<Job> jobProperty() {
        return loads.jobProperty();
    }

    ObservableList<HuggingFaceCache.CachedModel> cached() {
        return cachedView;
    }

    ObservableList<String> recent() {
        return recentView;
    }
}
