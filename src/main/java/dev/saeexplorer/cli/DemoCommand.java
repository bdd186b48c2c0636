package dev.saeexplorer.cli;

import dev.saeexplorer.core.compute.ComputeBackend;
import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.experiment.SyntheticExperiment;
import dev.saeexplorer.core.metrics.SyntheticMetrics;
import dev.saeexplorer.core.sae.Activation;
import dev.saeexplorer.core.sae.SaeConfig;
import dev.saeexplorer.core.sae.TrainingListener;
import dev.saeexplorer.core.sae.Weighting;
import dev.saeexplorer.core.superposition.ClosedForm;
import dev.saeexplorer.core.superposition.Geometry;
import dev.saeexplorer.core.superposition.MonteCarlo;
import dev.saeexplorer.core.superposition.SampleStats;
import dev.saeexplorer.core.superposition.Superposition;
import dev.saeexplorer.core.world.WpPreset;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The first-run tour on the embedded defaults: the paper's Example 1 in closed form, how shrinking and vanishing fade
 * as x gets sparser, and a short SAE-against-WSAE training run on the bundled toy model.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
        description = "Example 1 in closed form, shrinking/vanishing against sparsity, and a short SAE vs WSAE run.")
public final class DemoCommand implements Callable<Integer> {
    private static final double[] SPARSITIES = {0.0, 0.5, 0.9, 0.99};
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Mixin
    DeviceOptions device;

    @Option(names = "--steps", defaultValue = "1500", description = "Training steps of each model (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--sparsity", defaultValue = "0.9", description = "Sparsity S of the training data (default: ${DEFAULT-VALUE}).")
    double sparsity;

    public DemoCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.setDebug(common.debug);
        ComputeBackend backend = device.select(ctx);
        PrintWriter out = ctx.out();
        Superposition example1 = WpPreset.EXAMPLE_1.build();
        double[] x = WpPreset.EXAMPLE_1.exampleX();
        ClosedForm closedForm = new ClosedForm(example1, new Activation.Relu());
        Map<String, Object> json = new LinkedHashMap<>();
        var example = closedForm.evaluate(x, null);
        json.put("example1", example);
        if (!common.json) {
            out.println("1. The paper's Example 1: the closed-form SAE W_m = W_pᵀ, x_m = ReLU(W_pᵀ W_p x)");
            out.println("   W_p = [[1, 0, 0], [0, 1, -1]]   x = " + Tables.vector(x));
            out.println();
            ClosedFormReport.print(out, x, example, Geometry.of(example1));
            out.println();
            out.println("2. Shrinking and vanishing fade only as x gets extremely sparse (Example 1's W_p, 20,000 samples)");
            out.printf("%10s %14s %14s %14s%n", "S", "shrunk", "vanished", "recovery");
        }
        Map<String, SampleStats> stats = new LinkedHashMap<>();
        for (double s : SPARSITIES) {
            SampleStats st = new MonteCarlo(closedForm).run(s, 20_000, 1, null, TaskMonitor.none());
            stats.put(Double.toString(s), st);
            if (!common.json) {
                out.printf("%10s %14s %14s %14s%n", Tables.number(s), Tables.number(st.fractionShrunk()),
                        Tables.number(st.fractionVanished()), Tables.number(st.meanRecoveryRatio()));
            }
        }
        json.put("sampleStats", stats);

        Superposition toy = WpPreset.TOY_MODEL.build();
        if (!common.json) {
            out.println();
            out.printf("3. SAE against WSAE on a toy model's W_p (%d features in %d dimensions), S = %s, %d steps each%n",
                    toy.features(), toy.dims(), Tables.number(sparsity), steps);
        }
        Map<String, SyntheticMetrics> runs = new LinkedHashMap<>();
        TaskMonitor monitor = ctx.monitor();
        for (Weighting w : new Weighting[] {Weighting.NONE, Weighting.VARIANCE}) {
            SaeConfig cfg = SaeConfig.defaults(toy.dims(), toy.features()).withWeighting(w).withSteps(steps);
            runs.put(w == Weighting.NONE ? "SAE" : "WSAE", new SyntheticExperiment()
                    .run(toy, sparsity, cfg, 8192, monitor, TrainingListener.NONE).metrics());
        }
        json.put("training", runs);
        json.put("device", backend.details());
        if (common.json) {
            ctx.printJson(json);
            return Cli.OK;
        }
        SyntheticMetrics sae = runs.get("SAE");
        SyntheticMetrics wsae = runs.get("WSAE");
        out.printf("%34s %12s %12s%n", "", "SAE", "WSAE");
        row(out, "L_GT (ground truth)", sae.lossGT(), wsae.lossGT());
        row(out, "L_GT on features with x > 0", sae.lossGTNonSparse(), wsae.lossGTNonSparse());
        row(out, "reconstruction of x_p", sae.reconstructionXp(), wsae.reconstructionXp());
        row(out, "monosemanticity", sae.monosemanticity(), wsae.monosemanticity());
        row(out, "average activated features", sae.avgActivatedFeatures(), wsae.avgActivatedFeatures());
        out.printf("%34s %12d %12d%n", "dead latents", sae.deadLatents(), wsae.deadLatents());
        out.println();
        out.println("Next: 'sae-explorer sweep --help' reproduces the paper's Figures 2 and 3; see README.md.");
        return Cli.OK;
    }

    private static void row(PrintWriter out, String name, Double a, Double b) {
        out.printf("%34s %12s %12s%n", name, Tables.number(a), Tables.number(b));
    }
}
