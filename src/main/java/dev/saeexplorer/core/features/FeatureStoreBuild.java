package dev.saeexplorer.core.features;

import dev.saeexplorer.core.compute.SubTask;
import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.corpus.Corpus;
import dev.saeexplorer.core.corpus.TokenContexts;
import dev.saeexplorer.core.io.AtomicFiles;
import dev.saeexplorer.core.io.checkpoint.LoadedCheckpoint;
import dev.saeexplorer.core.lm.Gpt2Config;
import dev.saeexplorer.core.lm.Gpt2Model;
import dev.saeexplorer.core.lm.Gpt2Tokenizer;
import dev.saeexplorer.core.lm.HookPoint;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Builds a feature store (design/MATH.md, "Feature dashboards") for a model folder, an SAE checkpoint and a corpus,
 * and writes it to a folder as a whole. The cheap checks (the output folder, the corpus against the model's context
 * length, the hook) come before the model's weights are read.
 */
public final class FeatureStoreBuild {
    /** The share of the progress bar for loading the model; the rest is the build. */
    private static final double LOADING = 0.05;

    private FeatureStoreBuild() {
    }

    /**
     * What to build from.
     *
     * @param modelFolder a Hugging Face GPT-2 folder
     * @param sae         an SAE checkpoint
     * @param hook        the hook point it reads (its own {@link LoadedCheckpoint#hookName()}, or another)
     * @param corpus      the texts
     * @param settings    how
     */
    public record Request(Path modelFolder, LoadedCheckpoint sae, String hook, Corpus corpus, StoreSettings settings) {
        public Request {
            Objects.requireNonNull(modelFolder, "modelFolder");
            Objects.requireNonNull(sae, "sae");
            Objects.requireNonNull(hook, "hook");
            Objects.requireNonNull(corpus, "corpus");
            Objects.requireNonNull(settings, "settings");
        }
    }

    /**
     * What was built.
     *
     * @param tokens       non-BOS tokens read
     * @param contexts     contexts read
     * @param features     the SAE's features
     * @param deadFeatures features that never fired
     * @param seconds      the two passes and the writing (not loading the model or fingerprinting the inputs)
     */
    public record Summary(long tokens, int contexts, int features, int deadFeatures, double seconds) {
        /** Tokens per second of {@link #seconds}; null when too quick to time. */
        public Double tokensPerSecond() {
            return seconds > 0 ? tokens / seconds : null;
        }
    }

    /** Builds the store and writes it to {@code out}, refused when that is a non-empty folder unless {@code force}. */
    public static Summary run(Request request, Path out, boolean force, TaskMonitor monitor) {
        AtomicFiles.checkDirectoryTarget(out.toAbsolutePath(), force);
        Gpt2Config config = Gpt2Config.read(request.modelFolder().resolve("config.json"));
        // Cut before loading, so wrong settings are refused at once, not after the model has loaded.
        TokenContexts contexts = cut(request, config);
        Gpt2Model model = Gpt2Model.load(request.modelFolder(), SubTask.of(monitor, 0, LOADING, "loading the model"));
        return build(request, contexts, model, out, force, SubTask.of(monitor, LOADING, 1 - LOADING, "building"));
    }

    /** The same with the model already loaded from {@code request.modelFolder()} (the desktop has it in memory). */
    public static Summary run(Request request, Gpt2Model model, Path out, boolean force, TaskMonitor monitor) {
        AtomicFiles.checkDirectoryTarget(out.toAbsolutePath(), force);
        return build(request, cut(request, model.config()), model, out, force, monitor);
    }

    private static TokenContexts cut(Request request, Gpt2Config config) {
        HookPoint.parse(request.hook(), config.nLayer());
        StoreSettings settings = request.settings();
        return TokenContexts.of(request.corpus(), Gpt2Tokenizer.forModel(request.modelFolder()),
                settings.contextSize(), settings.maxTokens(), config.nPositions());
    }

    private static Summary build(Request request, TokenContexts contexts, Gpt2Model model, Path out, boolean force,
                                 TaskMonitor monitor) {
        LoadedCheckpoint checkpoint = request.sae();
        HookPoint hook = HookPoint.parse(request.hook(), model.config().nLayer());
        HookFeatures features = new HookFeatures(model, hook, checkpoint.model());
        StoreIdentity identity = new StoreIdentity(StoreIdentity.Model.of(request.modelFolder()),
                StoreIdentity.Sae.of(checkpoint, hook.name()), StoreIdentity.Source.of(request.corpus()));

        long start = System.nanoTime();
        StoreContents contents = StoreBuilder.build(features, contexts, request.settings(), monitor);
        monitor.checkCancelled();
        StoreFile.write(out, force, identity, request.settings(), contexts.tokens(), contexts.contexts().size(),
                contents);
        double seconds = (System.nanoTime() - start) / 1e9;
        monitor.report(1.0, "written to " + out);
        return new Summary(contexts.tokens(), contexts.contexts().size(), contents.features(),
                contents.deadFeatures(), seconds);
    }
}
