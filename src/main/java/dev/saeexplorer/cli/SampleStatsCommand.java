package dev.saeexplorer.cli;

import dev.saeexplorer.core.io.MatrixJson;
import dev.saeexplorer.core.sae.Activation;
import dev.saeexplorer.core.superposition.ClosedForm;
import dev.saeexplorer.core.superposition.MonteCarlo;
import dev.saeexplorer.core.superposition.SampleStats;
import dev.saeexplorer.core.superposition.Superposition;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.world.World;
import dev.saeexplorer.core.world.WorldFile;
import dev.saeexplorer.core.world.WorldSampler;
import dev.saeexplorer.core.world.WpPreset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sample-stats", mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
        description = "Monte-Carlo means of the closed-form SAE's losses, gaps and shrink/vanish fractions at sparsity S.")
public final class SampleStatsCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Option(names = "--wp", description = "W_p: inline JSON, a JSON file, a toy-model file or preset:NAME (" + WpPreset.IDS + ").")
    String wp;

    @Option(names = "--sparsity", description = "S in [0, 1].")
    Double sparsity;

    @Option(names = "--world", description = "A world file (JSON: W_p, firing, magnitudes, groups, hierarchy) instead of --wp and --sparsity.")
    java.nio.file.Path world;

    @Option(names = "--samples", required = true, description = "Number of samples N ≥ 1.")
    int samples;

    @Option(names = "--seed", required = true, description = "Random seed.")
    long seed;

    @Option(names = "--gamma", description = "WSAE weights γ (n_p values).")
    String gamma;

    public SampleStatsCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.setDebug(common.debug);
        SampleStats stats;
        if (world != null) {
            if (wp != null || sparsity != null) {
                throw new InvalidInputException("--world gives W_p and the sparsity: leave out --wp and --sparsity");
            }
            World w = WorldFile.read(world);
            Superposition sp = w.superposition();
            int n = sp.features();
            w.check(n);
            double[] g = gamma == null ? null : MatrixJson.vector(gamma, "--gamma");
            stats = new MonteCarlo(new ClosedForm(sp, new Activation.Relu()))
                    .run(new WorldSampler(w, n, seed), w.nominalSparsity(n), samples, g, ctx.monitor());
        } else {
            if (wp == null || sparsity == null) {
                throw new InvalidInputException("give --wp and --sparsity, or --world");
            }
            Flags.sparsity(sparsity, "--sparsity");
            Superposition sp = WpPreset.load(wp, "--wp");
            double[] g = gamma == null ? null : MatrixJson.vector(gamma, "--gamma");
            stats = new MonteCarlo(new ClosedForm(sp, new Activation.Relu()))
                    .run(sparsity, samples, seed, g, ctx.monitor());
        }
        if (common.json) {
            ctx.printJson(stats);
        } else {
            var out = ctx.out();
            out.printf("%d samples at S = %s%n", stats.samples(), Tables.number(stats.sparsity()));
            out.printf("  L_SAE              %s%n", Tables.number(stats.lossSAE()));
            out.printf("  L_GT               %s%n", Tables.number(stats.lossGT()));
            out.printf("  gap_SAE            %s%n", Tables.number(stats.gapSAE()));
            if (stats.lossWSAE() != null) {
                out.printf("  L_WSAE             %s%n", Tables.number(stats.lossWSAE()));
                out.printf("  gap_WSAE           %s%n", Tables.number(stats.gapWSAE()));
            }
            out.printf("  fraction shrunk    %s%n", Tables.number(stats.fractionShrunk()));
            out.printf("  fraction vanished  %s%n", Tables.number(stats.fractionVanished()));
            out.printf("  recovery ratio     %s  (Σ x_m / Σ x over active features)%n", Tables.number(stats.meanRecoveryRatio()));
        }
        return Cli.OK;
    }
}
