package dev.saeexplorer.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.Json;
import dev.saeexplorer.core.io.checkpoint.CheckpointLoader;
import dev.saeexplorer.core.lm.FeatureLens;
import dev.saeexplorer.core.lm.Gpt2Model;
import dev.saeexplorer.core.lm.Gpt2Tokenizer;
import dev.saeexplorer.core.lm.LogitLens;
import dev.saeexplorer.core.io.checkpoint.CheckpointStats;
import dev.saeexplorer.core.io.checkpoint.LoadedCheckpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code inspect --sae PATH [--model DIR] [--top k]}: a checkpoint's configuration and weight statistics (CLI.md). */
@Command(name = "inspect", mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
        description = "Show an SAE checkpoint's configuration, weight statistics and how it was read (SAELens, SAELens < 6,"
                + " sparsify, OpenAI, dictionary_learning, Gemma Scope, Llama Scope).")
public final class InspectCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Option(names = "--sae", required = true, description = "The checkpoint: a folder, a file in it, a .pt or an .npz.")
    Path sae;

    @Option(names = "--model", converter = ModelFolderConverter.class,
            description = "A Hugging Face GPT-2 folder: adds the logit-lens tokens of the first features. Or the id of a model in the Hugging Face cache (e.g. gpt2).")
    Path model;

    @Option(names = "--top", defaultValue = "10", description = "Logit-lens tokens per feature with --model (default 10).")
    int top;

    public InspectCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.setDebug(common.debug);
        Flags.atLeastOne(top, "--top");
        LoadedCheckpoint c = CheckpointLoader.load(sae);
        CheckpointStats stats = CheckpointStats.of(c.model());
        List<FeatureTokens> features = model == null ? List.of() : featureTokens(c);
        if (common.json) {
            ObjectNode o = json(c, stats);
            if (model != null) {
                o.set("features", Json.mapper().valueToTree(features));
            }
            ctx.printJson(o);
        } else {
            printTable(c, stats);
            for (FeatureTokens f : features) {
                ctx.out().printf("feature %d: %s%n", f.feature(), f.top().stream().map(e -> '"' + e.token() + '"')
                        .collect(java.util.stream.Collectors.joining(" ")));
            }
        }
        return Cli.OK;
    }

    /** Features shown with --model: the first ones, as CLI.md asks. */
    private static final int FEATURES_SHOWN = 10;

    /** One feature's logit-lens tokens. */
    record FeatureTokens(int feature, List<LogitLensCommand.Entry> top, List<LogitLensCommand.Entry> bottom) {
    }

    private List<FeatureTokens> featureTokens(LoadedCheckpoint c) {
        FeatureLens lens = new FeatureLens(Gpt2Model.load(model), c.model(), Gpt2Tokenizer.forModel(model));
        List<Integer> shown = new ArrayList<>();
        for (int i = 0; i < Math.min(FEATURES_SHOWN, c.dSae()); i++) {
            shown.add(i);
        }
        List<LogitLens.Result> results = lens.tokens(shown, top); // one pass over W_U for all of them
        List<FeatureTokens> out = new ArrayList<>();
        for (int i : shown) {
            LogitLens.Result r = results.get(i);
            out.add(new FeatureTokens(i, LogitLensCommand.entries(r.top()), LogitLensCommand.entries(r.bottom())));
        }
        return out;
    }

    static ObjectNode json(LoadedCheckpoint c, CheckpointStats stats) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("format", c.format().id());
        o.put("dIn", c.dIn());
        o.put("dSae", c.dSae());
        o.put("architecture", c.architecture());
        Integer k = c.model().activation().keptPerSample();
        if (k != null) {
            o.put("k", k);
        } else {
            o.putNull("k");
        }
        o.put("hookName", c.hookName());
        if (c.hookLayer() == null) {
            o.putNull("hookLayer");
        } else {
            o.put("hookLayer", c.hookLayer());
        }
        o.put("modelName", c.modelName());
        o.put("applyBDecToInput", c.applyBDecToInput());
        o.put("dtype", c.dtype());
        o.set("decoderNorm", Json.mapper().valueToTree(stats.decoderNorm()));
        o.set("encoderDecoderCosine", Json.mapper().valueToTree(stats.encoderDecoderCosine()));
        o.put("zeroVectorLatents", stats.zeroVectorLatents());
        if (stats.deadFraction() == null) {
            o.putNull("deadFraction");
        } else {
            o.put("deadFraction", stats.deadFraction());
        }
        o.put("inputNormalization", c.model().normalization().describe());
        var notes = o.putArray("notes");
        c.notes().forEach(notes::add);
        var inferred = o.putArray("inferred");
        c.inferred().forEach(inferred::add);
        o.put("path", c.directory().toString());
        return o;
    }

    private void printTable(LoadedCheckpoint c, CheckpointStats stats) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"format", c.format().id()});
        rows.add(new String[] {"path", c.directory().toString()});
        rows.add(new String[] {"d_in", Integer.toString(c.dIn())});
        rows.add(new String[] {"d_sae", Integer.toString(c.dSae())});
        rows.add(new String[] {"architecture", c.model().activation().describe(c.architecture())});
        rows.add(new String[] {"hook", orDash(c.hookName())});
        rows.add(new String[] {"hook layer", c.hookLayer() == null ? "-" : c.hookLayer().toString()});
        rows.add(new String[] {"model", orDash(c.modelName())});
        rows.add(new String[] {"apply b_dec to input", Boolean.toString(c.applyBDecToInput())});
        if (c.model().normalisesInputs()) {
            rows.add(new String[] {"input normalisation", c.model().normalization().describe()});
        }
        rows.add(new String[] {"dtype", c.dtype()});
        rows.add(new String[] {"decoder norm", summary(stats.decoderNorm())});
        rows.add(new String[] {"enc/dec cosine", summary(stats.encoderDecoderCosine())});
        if (stats.zeroVectorLatents() > 0) {
            rows.add(new String[] {"zero-vector latents", Integer.toString(stats.zeroVectorLatents())});
        }
        rows.add(new String[] {"dead fraction", stats.deadFraction() == null ? "n/a (no sparsity record)"
                : Tables.number(stats.deadFraction())});
        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
        var out = ctx.out();
        for (String[] r : rows) {
            out.printf("%-" + width + "s  %s%n", r[0], r[1]);
        }
        for (String n : c.inferred()) {
            out.println("read: " + n);
        }
        for (String n : c.notes()) {
            out.println("note: " + n);
        }
        out.flush();
    }

    private static String summary(CheckpointStats.Summary s) {
        return "min " + Tables.number(s.min()) + "  mean " + Tables.number(s.mean()) + "  max " + Tables.number(s.max());
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }
}
