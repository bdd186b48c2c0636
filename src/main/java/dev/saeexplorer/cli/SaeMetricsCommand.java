package dev.saeexplorer.cli;

import dev.saeexplorer.core.corpus.TokenContexts;
import dev.saeexplorer.core.io.checkpoint.LoadedCheckpoint;
import dev.saeexplorer.core.lm.Gpt2Model;
import dev.saeexplorer.core.lm.SpliceMetrics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "sae-metrics", mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
        description = "Splice the SAE into the model at its hook and report cross-entropy clean / spliced / zero-ablated,"
                + " CE loss recovered, KL(clean || spliced), L0, explained variance and MSE over a corpus.")
public final class SaeMetricsCommand implements Callable<Integer> {
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

    public SaeMetricsCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.setDebug(common.debug);
        LoadedCheckpoint checkpoint = sae.load();
        Gpt2Model lm = model.load();
        var hook = sae.hook(checkpoint, lm);
        TokenContexts cut = contexts.cut(corpus.readOrBundled(), lm, model.tokenizer());
        SpliceMetrics.Result r = SpliceMetrics.evaluate(lm, hook, checkpoint.model(), cut.contexts(), ctx.monitor());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tokens", r.tokens());
        json.put("contexts", r.contexts());
        json.put("ceLossClean", r.ceLossClean());
        json.put("ceLossSpliced", r.ceLossSpliced());
        json.put("ceLossZeroAblation", r.ceLossZeroAblation());
        json.put("ceLossRecovered", r.ceLossRecovered());
        json.put("klDivergence", r.klDivergence());
        json.put("l0", r.l0());
        json.put("explainedVariance", r.explainedVariance());
        json.put("mse", r.mse());
        if (common.json) {
            ctx.printJson(json);
        } else {
            var out = ctx.out();
            out.printf("%s at %s spliced into %s over %,d tokens in %,d contexts%n", sae.path, hook.name(),
                    model.name(), r.tokens(), r.contexts());
            json.forEach((k, v) -> {
                if (!k.equals("tokens") && !k.equals("contexts")) {
                    out.printf("  %-20s %s%n", k, v instanceof Double ? Tables.number((Double) v) : String.valueOf(v));
                }
            });
        }
        return Cli.OK;
    }
}
