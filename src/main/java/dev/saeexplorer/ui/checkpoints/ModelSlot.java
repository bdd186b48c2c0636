package dev.saeexplorer.ui.checkpoints;

import dev.saeexplorer.core.compute.CancelledException;
import dev.saeexplorer.core.lm.HuggingFaceCache;
import dev.saeexplorer.core.lm.LanguageModel;
import dev.saeexplorer.ui.AppPreferences;
import dev.saeexplorer.ui.WorkspaceContext;
import dev.saeexplorer.ui.jobs.Job;
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
    private final ReadOnlyObjectWrapper<Job> job = new ReadOnlyObjectWrapper<>(this, "job");
    private final ObservableList<HuggingFaceCache.CachedModel> cached = FXCollections.observableArrayList();
    private final ObservableList<String> recent = FXCollections.observableArrayList();
    // Made once: an unmodifiable view listens weakly to its list.
    private final ObservableList<HuggingFaceCache.CachedModel> cachedView = FXCollections.unmodifiableObservableList(cached);
    private final ObservableList<String> recentView = FXCollections.unmodifiableObservableList(recent);
    /** A callback of a load that a newer request replaced is ignored. */
    private long generation;

    ModelSlot(WorkspaceContext ctx, AppPreferences prefs, Supplier<List<HuggingFaceCache.CachedModel>> cache,
              Consumer<String> status) {
        this.ctx = ctx;
        this.prefs = prefs;
        this.cache = cache;
        this.status = status;
        recent.setAll(prefs.recent(RECENT));
    }

    void load(Path folder) {
        cancel();
        long id = ++generation;
        LanguageModel before = model.get();
        status.accept("Loading the language model from " + folder + "…");
        Job j = ctx.executor().submit("Loading " + HuggingFaceCache.displayName(folder), m -> LanguageModel.load(folder, m),
                lm -> {
                    if (id == generation) {
                        job.set(null);
                        prefs.addRecent(RECENT, folder.toAbsolutePath().normalize().toString());
                        recent.setAll(prefs.recent(RECENT));
                        status.accept("Loaded " + lm.headline() + ".");
                        model.set(lm);
                    }
                }, e -> {
                    if (id == generation) {
                        job.set(null);
                        failed(e, before);
                    }
                });
        if (j.runningProperty().get()) {
            job.set(j);
        }
    }

    private void failed(Throwable e, LanguageModel kept) {
        String keep = kept == null ? "" : " " + kept.name() + " stays loaded.";
        if (e instanceof CancelledException) {
            status.accept("Loading the model was cancelled." + keep);
            return;
        }
        String why = CheckpointInspectorViewModel.message(e);
        status.accept("Could not load the model: " + why);
        ctx.errors().report("Cannot load the language model", why + "\n\nPick a Hugging Face GPT-2 folder that holds "
                + "config.json and model.safetensors, for example a snapshot under "
                + HuggingFaceCache.fromEnvironment().hub() + "/models--gpt2/snapshots/." + keep);
    }

    void cancel() {
        if (job.get() != null) {
            job.get().cancel();
        }
    }

    void unload() {
        cancel();
        generation++;
        job.set(null);
        model.set(null);
    }

    /** Re-reads the Hugging Face cache in the background (it reads a config file per snapshot). */
    void refreshCached() {
        ctx.executor().submit("Looking for models in the Hugging Face cache", m -> cache.get(), cached::setAll,
                e -> status.accept("Could not list the Hugging Face cache: " + CheckpointInspectorViewModel.message(e)));
    }

    ReadOnlyObjectProperty<LanguageModel> modelProperty() {
        return model.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<Job> jobProperty() {
        return job.getReadOnlyProperty();
    }

    ObservableList<HuggingFaceCache.CachedModel> cached() {
        return cachedView;
    }

    ObservableList<String> recent() {
        return recentView;
    }
}
