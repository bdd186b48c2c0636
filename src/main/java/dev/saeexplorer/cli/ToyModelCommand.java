package dev.saeexplorer.cli;

import dev.saeexplorer.core.io.AtomicFiles;
import dev.saeexplorer.core.io.ToyModelFile;
import dev.saeexplorer.core.toymodel.ToyModelConfig;
import dev.saeexplorer.core.toymodel.ToyModelResult;
import dev.saeexplorer.core.toymodel.ToyModelTrainer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "toy-model", mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
        description = "Train the Elhage et al. toy model x' = ReLU(WᵀWx + b) and save W as W_p.")
public final class ToyModelCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Mixin
    DeviceOptions device;

    @Option(names = "--features", required = true, description = "n, ground-truth features.")
    int features;

    @Option(names = "--dims", required = true, description = "n_p < n, hidden dimensions.")
    int dims;

    @Option(names = "--sparsity", required = true, description = "S in [0, 1] of the training data.")
    double sparsity;

    @Option(names = "--importance", defaultValue = "1.0", description = "r in (0, 1]: feature i has importance r^i (default: ${DEFAULT-VALUE}).")
    double importance;

    @Option(names = "--steps", defaultValue = "5000", description = "Adam steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batch", defaultValue = "1024", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "0.001", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "The toy-model JSON file to write.")
    Path out;

    @Option(names = "--force", description = "Overwrite an existing --out file.")
    boolean force;

    public ToyModelCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.setDebug(common.debug);
        Flags.sparsity(sparsity, "--sparsity");
        ToyModelConfig cfg = new ToyModelConfig(features, dims, sparsity, importance, steps, batch, lr, seed);
        AtomicFiles.checkFileTarget(out, force);
        device.select(ctx);
        ToyModelResult result = new ToyModelTrainer().train(cfg, ctx.monitor());
        ToyModelFile file = ToyModelFile.of(result);
        file.write(out);
        if (common.json) {
            ctx.printJson(file);
        } else {
            ctx.out().printf("toy model n = %d, n_p = %d, S = %s: final loss %s, written to %s%n", features, dims,
                    Tables.number(sparsity), Tables.number(result.finalLoss()), out);
        }
        return Cli.OK;
    }
}
