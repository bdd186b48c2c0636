package dev.saeexplorer.cli;

import dev.saeexplorer.core.features.FeatureReport;
import dev.saeexplorer.core.features.FeatureStore;
import dev.saeexplorer.core.features.Histogram;
import dev.saeexplorer.core.features.StoreIdentity;
import dev.saeexplorer.core.io.checkpoint.CheckpointLoader;
import dev.saeexplorer.core.lm.Gpt2Tokenizer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code top-examples}: one feature's statistics and example contexts from a feature store (design/CLI.md). */
@Command(name = "top-examples", mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
        description = "Show one feature of a feature store: density, max and mean activation, histogram, top contexts "
                + "and contexts sampled from lower quantiles. --model, --sae and --corpus, when given, must be what the "
                + "store was built from.")
public final class TopExamplesCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Option(names = "--store", required = true, description = "A folder feature-store wrote.")
    Path store;

    @Option(names = "--feature", required = true, description = "Feature index, 0-based.")
    int feature;

    @Option(names = "--model", converter = ModelFolderConverter.class,
            description = "Decode tokens with this model folder's tokenizer (default: GPT-2's r50k_base) and refuse a "
                    + "store built for another model.")
    Path model;

    @Option(names = "--sae", description = "Refuse a store built for another SAE than this checkpoint.")
    Path sae;

    @Mixin
    CorpusOption corpus;

    public TopExamplesCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.setDebug(common.debug);
        FeatureStore opened = FeatureStore.open(store);
        if (model != null) {
            opened.checkModel(StoreIdentity.Model.of(model));
        }
        if (sae != null) {
            opened.checkSae(StoreIdentity.Sae.of(CheckpointLoader.load(sae), opened.manifest().sae().hookName()));
        }
        if (corpus.given()) {
            opened.checkCorpus(StoreIdentity.Source.of(corpus.read()));
        }
        FeatureReport report = opened.feature(feature);
        Gpt2Tokenizer tokenizer = model == null ? Gpt2Tokenizer.r50k() : Gpt2Tokenizer.forModel(model);
        Output output = new Output(report.feature(), report.density(), report.maxActivation(), report.meanActivation(),
                report.histogram(), examples(report.examples(), tokenizer),
                report.quantileSamples().stream().map(b -> new Band(b.lowerQuantile(), b.upperQuantile(),
                        examples(b.examples(), tokenizer))).toList());
        if (common.json) {
            ctx.printJson(output);
        } else {
            print(output);
        }
        return Cli.OK;
    }

    /** The JSON of design/CLI.md, with the quantile samples as an extra key. */
    record Output(int feature, double density, float maxActivation, double meanActivation, Histogram histogram,
                  List<Example> examples, List<Band> quantileSamples) {
    }

    /** One context: its tokens (as text and ids) and activations without BOS; {@code position} indexes them. */
    record Example(int context, List<String> tokens, int[] ids, float[] activations, float max, int position) {
    }

    record Band(double lowerQuantile, double upperQuantile, List<Example> examples) {
    }

    private static List<Example> examples(List<FeatureReport.Example> examples, Gpt2Tokenizer tokenizer) {
        return examples.stream().map(e -> new Example(e.context(),
                Arrays.stream(e.ids()).mapToObj(tokenizer::tokenString).toList(), e.ids(), e.activations(), e.max(),
                e.position())).toList();
    }

    private void print(Output o) {
        PrintWriter out = ctx.out();
        out.printf("feature %d: density %s, max %s, mean %s%n", o.feature(), Tables.number(o.density()),
                Tables.number((double) o.maxActivation()), Tables.number(o.meanActivation()));
        out.printf("top contexts (the token at the max in [[ ]]):%n");
        printExamples(out, o.examples());
        for (Band b : o.quantileSamples()) {
            out.printf("quantiles %.2f–%.2f of the contexts' maxima:%n", b.lowerQuantile(), b.upperQuantile());
            printExamples(out, b.examples());
        }
        out.flush();
    }

    private static void printExamples(PrintWriter out, List<Example> examples) {
        for (Example e : examples) {
            StringBuilder text = new StringBuilder();
            for (int t = 0; t < e.tokens().size(); t++) {
                String token = e.tokens().get(t).replace("\n", "\\n");
                text.append(t == e.position() ? "[[" + token + "]]" : token);
            }
            out.printf("  %10s  context %-6d %s%n", Tables.number((double) e.max()), e.context(), text);
        }
    }
}
