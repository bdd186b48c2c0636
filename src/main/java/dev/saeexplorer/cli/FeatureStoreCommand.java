package dev.saeexplorer.cli;

import dev.saeexplorer.core.corpus.Corpus;
import dev.saeexplorer.core.features.FeatureStoreBuild;
import dev.saeexplorer.core.features.StoreSettings;
import dev.saeexplorer.core.io.checkpoint.LoadedCheckpoint;
import dev.saeexplorer.core.lm.Gpt2Config;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code feature-store}: an SAE's per-feature statistics and example contexts over a corpus, saved (design/CLI.md). */
@Command(name = "feature-store", mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
        description = "Build a feature store: each SAE feature's density, max and mean activation, histogram and top "
                + "contexts over a corpus (without --corpus, the bundled sample corpus), saved to a folder for "
                + "top-examples and the dashboards.")
public final class FeatureStoreCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Mixin
    ModelOption model;

    @Mixin
    SaeOption sae;

    @Mixin
    CorpusOption corpus;

    @Mixin
    ContextOptions contexts;

    @Option(names = "--top-k", defaultValue = "" + StoreSettings.DEFAULT_TOP_K,
            description = "Top contexts kept per feature (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--seed", defaultValue = "0",
            description = "Seed of the quantile samples (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "The store's folder.")
    Path out;

    @Option(names = "--force", description = "Replace an existing non-empty --out folder.")
    boolean force;

    @Option(names = "--write-contexts", description = "Also write the contexts as JSON lines ({\"tokens\": [...]}), BOS"
            + " first, for the numpy reference of bench/lm/feature_store.sh.")
    Path writeContexts;

    public FeatureStoreCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.setDebug(common.debug);
        StoreSettings settings = new StoreSettings(contexts.contextSize, contexts.maxTokens, topK, seed);
        Corpus texts = corpus.readOrBundled();
        if (writeContexts != null) {
            int nPositions = Gpt2Config.read(model.folder.resolve("config.json")).nPositions();
            BenchForwardCommand.writeTokens(writeContexts, contexts.cut(texts, model.tokenizer(), nPositions).contexts());
        }
        LoadedCheckpoint checkpoint = sae.load();
        FeatureStoreBuild.Summary s = FeatureStoreBuild.run(new FeatureStoreBuild.Request(model.folder, checkpoint,
                sae.hookName(checkpoint), texts, settings), out, force, ctx.monitor());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tokens", s.tokens());
        json.put("contexts", s.contexts());
        json.put("features", s.features());
        json.put("deadFeatures", s.deadFeatures());
        json.put("seconds", s.seconds());
        json.put("tokensPerSecond", s.tokensPerSecond());
        if (common.json) {
            ctx.printJson(json);
        } else {
            var o = ctx.out();
            o.printf("feature store written to %s%n", out);
            o.printf(Locale.ROOT, "%,d tokens in %,d contexts of %s%n", s.tokens(), s.contexts(), texts.source());
            o.printf(Locale.ROOT, "%,d features, %,d dead (never fired)%n", s.features(), s.deadFeatures());
            o.printf("%s s, %s tokens/s%n", Tables.number(s.seconds()), Tables.number(s.tokensPerSecond()));
            o.flush();
        }
        return Cli.OK;
    }
}
