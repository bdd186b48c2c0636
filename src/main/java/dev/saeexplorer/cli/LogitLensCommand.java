package dev.saeexplorer.cli;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.checkpoint.CheckpointLoader;
import dev.saeexplorer.core.io.checkpoint.LoadedCheckpoint;
import dev.saeexplorer.core.lm.FeatureLens;
import dev.saeexplorer.core.lm.LogitLens;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "logit-lens", mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
        description = "The tokens an SAE feature's decoder direction promotes and suppresses (logit lens).")
public final class LogitLensCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Mixin
    ModelOption model;

    @Option(names = "--sae", required = true, description = "SAE checkpoint: a folder or file in any layout inspect reads.")
    Path sae;

    @Option(names = "--feature", required = true, description = "Feature index, 0-based.")
    int feature;

    @Option(names = "--top", defaultValue = "10", description = "Tokens on each side (default: ${DEFAULT-VALUE}).")
    int top;

    public LogitLensCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.setDebug(common.debug);
        Flags.atLeastOne(top, "--top");
        LoadedCheckpoint checkpoint = CheckpointLoader.load(sae);
        LogitLens.Result r = new FeatureLens(model.load(), checkpoint.model(), model.tokenizer())
                .tokens(feature, top);
        Output o = new Output(feature, entries(r.top()), entries(r.bottom()));
        if (common.json) {
            ctx.printJson(o);
        } else {
            ctx.out().printf("feature %d: top tokens%n", feature);
            o.top().forEach(e -> ctx.out().printf("  %8.4f  %6d  \"%s\"%n", e.logit(), e.id(), e.token()));
            ctx.out().printf("bottom tokens%n");
            o.bottom().forEach(e -> ctx.out().printf("  %8.4f  %6d  \"%s\"%n", e.logit(), e.id(), e.token()));
        }
        return Cli.OK;
    }

    static List<Entry> entries(List<LogitLens.TokenLogit> list) {
        List<Entry> out = new ArrayList<>();
        for (LogitLens.TokenLogit t : list) {
            out.add(new Entry(t.text(), t.tokenId(), t.logit()));
        }
        return out;
    }

    /** The JSON of design/CLI.md. */
    record Output(int feature, List<Entry> top, List<Entry> bottom) {
    }

    record Entry(String token, int id, double logit) {
    }
}
