package dev.saeexplorer.cli;

import dev.saeexplorer.core.Gaussian;
import dev.saeexplorer.core.compute.ComputeBackend;
import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.sae.Activation;
import dev.saeexplorer.core.sae.SaeConfig;
import dev.saeexplorer.core.sae.SaeTrainer;
import dev.saeexplorer.core.superposition.SyntheticData;
import dev.saeexplorer.core.sae.TrainingListener;
import dev.saeexplorer.core.sae.TrainingEngine;
import dev.saeexplorer.core.sae.TrainingResult;
import dev.saeexplorer.core.sae.Weighting;
import dev.saeexplorer.core.sae.WsaeWeights;
import dev.saeexplorer.core.superposition.Superposition;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Trains the paper's toy setting (n = 200, n_p = 20, n_m = 200, batch 1024, S = 0.9, ReLU + L1, Adam, decoder
 * renormalisation) for a fixed number of steps and reports samples per second. {@code bench/run.sh} runs this and the
 * numpy reference of the identical step side by side.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
        description = "Benchmark SAE training on the paper's toy setting; bench/run.sh compares it with numpy.")
public final class BenchCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Mixin
    DeviceOptions device;

    @Option(names = "--engine", defaultValue = "jvm", description = "jvm (the fused CPU kernel) or nd4j (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--steps", defaultValue = "300", description = "Timed steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--warmup", defaultValue = "50", description = "Untimed warm-up steps (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--features", defaultValue = "200", description = "n (default: ${DEFAULT-VALUE}).")
    int features;

    @Option(names = "--dims", defaultValue = "20", description = "n_p (default: ${DEFAULT-VALUE}).")
    int dims;

    @Option(names = "--latents", defaultValue = "200", description = "n_m (default: ${DEFAULT-VALUE}).")
    int latents;

    @Option(names = "--batch", defaultValue = "1024", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--sparsity", defaultValue = "0.9", description = "S (default: ${DEFAULT-VALUE}).")
    double sparsity;

    public BenchCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.setDebug(common.debug);
        ComputeBackend backend = device.select(ctx);
        Superposition sp = gaussianColumns(dims, features, 0);
        SyntheticData data = new SyntheticData(sp, sparsity);
        TrainingEngine chosen = TrainingEngine.parse(engine);
        if (steps < 1 || warmup < 0) {
            throw new dev.saeexplorer.core.InvalidInputException("--steps must be at least 1 and --warmup at least 0");
        }
        SaeTrainer trainer = new SaeTrainer(chosen);
        SaeConfig base = new SaeConfig(dims, latents, new Activation.Relu(), 1e-3, Weighting.NONE, 1.0, false, 0.0,
                1000, Math.max(1, warmup), batch, 1e-3, 0);
        trainer.train(base, WsaeWeights.uniform(dims), data.batches(batch, 1), TaskMonitor.none(), TrainingListener.NONE);
        TrainingResult timed = trainer.train(base.withSteps(steps), WsaeWeights.uniform(dims), data.batches(batch, 2),
                ctx.monitor(), TrainingListener.NONE);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("implementation", chosen == TrainingEngine.JVM ? "sae-explorer (fused JVM kernel)"
                : "sae-explorer (ND4J " + backend.name() + " kernel)");
        json.put("device", backend.details());
        json.put("features", features);
        json.put("dims", dims);
        json.put("latents", latents);
        json.put("batch", batch);
        json.put("sparsity", sparsity);
        json.put("steps", steps);
        json.put("samplesPerSecond", timed.samplesPerSecond());
        if (common.json) {
            ctx.printJson(json);
        } else {
            ctx.out().printf("%s on %s: %,.0f samples/s over %d steps of batch %d%n", json.get("implementation"),
                    backend.details(), timed.samplesPerSecond(), steps, batch);
        }
        return Cli.OK;
    }

    /** Unit-norm Gaussian columns: the step's cost does not depend on W_p's values. */
    static Superposition gaussianColumns(int dims, int features, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] m = new double[dims][features];
        for (int j = 0; j < features; j++) {
            double norm = 0;
            for (int i = 0; i < dims; i++) {
                m[i][j] = Gaussian.sample(r);
                norm += m[i][j] * m[i][j];
            }
            for (int i = 0; i < dims; i++) {
                m[i][j] /= Math.sqrt(norm);
            }
        }
        return Superposition.of(m);
    }
}
