package dev.saeexplorer.cli;

import dev.saeexplorer.core.compute.ComputeBackend;
import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.experiment.ExperimentCheckpoint;
import dev.saeexplorer.core.experiment.SyntheticExperiment;
import dev.saeexplorer.core.io.AtomicFiles;
import dev.saeexplorer.core.sae.SaeConfig;
import dev.saeexplorer.core.sae.TrainingListener;
import dev.saeexplorer.core.sae.Weighting;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.superposition.SyntheticData;
import dev.saeexplorer.core.world.WorldFile;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
        description = "Train an SAE (--weighting none) or a WSAE (--weighting variance) on x_p = W_p x and save a checkpoint.")
public final class TrainCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Mixin
    SuperpositionSource source;

    @Mixin
    TrainOptions train;

    @Option(names = "--sparsity", description = "S in [0, 1] of the SAE's training data.")
    Double sparsity;

    @Option(names = "--world", description = "A world file (JSON: W_p, firing, magnitudes, groups, hierarchy) to train on, instead of --wp/--toy-* and --sparsity.")
    Path world;

    @Option(names = "--weighting", defaultValue = "none", description = "none (SAE), variance (WSAE), oracle or variance-raw (the paper's γ = s^α, not rescaled) (default: ${DEFAULT-VALUE}).")
    String weighting;

    @Option(names = "--out", required = true, description = "Checkpoint folder to create (SAELens layout + metrics.json).")
    Path out;

    @Option(names = "--force", description = "Replace an existing non-empty --out folder.")
    boolean force;

    public TrainCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.setDebug(common.debug);
        Weighting w = Weighting.parse(weighting);
        SyntheticData worldData = null;
        if (world != null) {
            if (source.given() || sparsity != null) {
                throw new InvalidInputException("--world gives W_p and the sparsity: leave out --wp, --toy-* and --sparsity");
            }
            worldData = WorldFile.read(world).data();
        } else {
            source.validate();
            if (sparsity == null) {
                throw new InvalidInputException("--sparsity is missing: give --sparsity, or a --world file");
            }
            Flags.sparsity(sparsity, "--sparsity");
        }
        // Every option is checked before anything is trained, the toy model of --toy-* included.
        SaeConfig cfg = train.toConfig(worldData != null ? worldData.superposition().dims() : source.dims(), w);
        AtomicFiles.checkDirectoryTarget(out, force);
        ComputeBackend backend = train.device.select(ctx);
        TaskMonitor monitor = ctx.monitor();
        SyntheticExperiment.ExperimentResult result = worldData != null
                ? new SyntheticExperiment().run(worldData, cfg, train.evalSamples, monitor, TrainingListener.NONE)
                : new SyntheticExperiment().run(source.load(train.seed, monitor), sparsity, cfg, train.evalSamples,
                        monitor, TrainingListener.NONE);
        Map<String, Object> metrics = ExperimentCheckpoint.metrics(result, backend.device().id());
        ExperimentCheckpoint.save(out, force, result, backend.device().id());
        if (common.json) {
            ctx.printJson(metrics);
        } else {
            printSummary(metrics);
        }
        return Cli.OK;
    }

    private void printSummary(Map<String, Object> metrics) {
        var o = ctx.out();
        o.printf("trained %s, checkpoint written to %s%n", "none".equals(metrics.get("weighting")) ? "SAE" : "WSAE", out);
        for (Map.Entry<String, Object> e : metrics.entrySet()) {
            Object v = e.getValue();
            String text = v instanceof Double ? Tables.number((Double) v)
                    : v instanceof double[] ? Tables.vector((double[]) v) : String.valueOf(v);
            o.printf("  %-22s %s%n", e.getKey(), text);
        }
    }
}
