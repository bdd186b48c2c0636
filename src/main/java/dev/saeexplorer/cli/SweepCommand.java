package dev.saeexplorer.cli;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.compute.ComputeBackend;
import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.experiment.SparsitySweep;
import dev.saeexplorer.core.experiment.SweepRow;
import dev.saeexplorer.core.io.AtomicFiles;
import dev.saeexplorer.core.experiment.SweepFiles;
import dev.saeexplorer.core.sae.SaeConfig;
import dev.saeexplorer.core.sae.Weighting;
import dev.saeexplorer.core.world.World;
import dev.saeexplorer.core.world.WorldFile;
import dev.saeexplorer.core.world.WpPerSeed;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sweep", mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
        description = "SAE against WSAE over a grid of sparsities and seeds (the paper's Figures 2 and 3).")
public final class SweepCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Mixin
    SuperpositionSource source;

    @Mixin
    TrainOptions train;

    @Option(names = "--sparsities", required = true, description = "Comma-separated sparsities in [0, 1], e.g. 0.1,0.5,0.9.")
    String sparsities;

    @Option(names = "--seeds", defaultValue = "1", description = "Seeds per sparsity (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--wsae-weighting", defaultValue = "variance", description = "The WSAE's weights, one or a comma-separated list, each trained beside the SAE: variance, oracle or variance-raw (the paper's γ = s^α, not rescaled) (default: ${DEFAULT-VALUE}).")
    String wsaeWeighting;

    @Option(names = "--world", description = "A world file (JSON: W_p, firing, magnitudes, groups, hierarchy) taken to each S of the grid, instead of --wp/--toy-*.")
    Path world;

    @Option(names = "--out", required = true, description = "Rows to write: FILE.csv or FILE.json.")
    Path out;

    @Option(names = "--force", description = "Overwrite an existing --out file.")
    boolean force;

    public SweepCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.setDebug(common.debug);
        World described = null;
        if (world != null) {
            if (source.given()) {
                throw new InvalidInputException("--world gives W_p: leave out --wp and --toy-*");
            }
            described = WorldFile.read(world);
        } else {
            source.validate();
        }
        double[] grid = parseSparsities(sparsities);
        List<Weighting> models = models(wsaeWeighting);
        SweepFiles.Format format = SweepFiles.formatOf(out);
        AtomicFiles.checkFileTarget(out, force);
        Flags.atLeastOne(seeds, "--seeds");
        ComputeBackend backend = train.device.select(ctx);
        TaskMonitor monitor = ctx.monitor();
        // Validate every training option before the first (possibly long) toy model is trained.
        train.toConfig(1, Weighting.NONE);
        WpPerSeed wp = described != null ? WpPerSeed.fixed(described.superposition()) : source.perSeed();
        SaeConfig base = train.toConfig(wp.dims(), Weighting.NONE);
        List<SweepRow> rows = new SparsitySweep().run(grid, seeds, wp, described, models, base,
                train.evalSamples, backend.device().id(), monitor, row -> ctx.err().printf(Locale.ROOT,
                        "finished S=%.3f seed %d %s: L_GT %s, avg. activated features %s%n", row.sparsity(), row.seed(),
                        row.model(), Tables.number(row.lossGT()), Tables.number(row.avgActivatedFeatures())));
        SweepFiles.write(out, format, rows);
        if (common.json) {
            ctx.printJson(rows);
        } else {
            printTable(rows);
        }
        return Cli.OK;
    }

    /** The SAE, then each WSAE weighting of the list once, in the order given. */
    static List<Weighting> models(String text) {
        java.util.LinkedHashSet<Weighting> models = new java.util.LinkedHashSet<>();
        models.add(Weighting.NONE);
        for (String part : text.split(",", -1)) {
            Weighting w = Weighting.parse(part);
            if (w == Weighting.NONE) {
                throw new InvalidInputException("--wsae-weighting lists WSAE weights (variance, oracle, variance-raw);"
                        + " the SAE is always trained");
            }
            models.add(w);
        }
        return List.copyOf(models);
    }

    static double[] parseSparsities(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("--sparsities is empty: give a list like 0.1,0.5,0.9");
        }
        String[] parts = text.split(",", -1);
        double[] grid = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.isEmpty()) {
                throw new InvalidInputException("--sparsities: an empty entry in '" + text + "' (give a list like 0.1,0.5,0.9)");
            }
            try {
                grid[i] = Double.parseDouble(p);
            } catch (NumberFormatException e) {
                throw new InvalidInputException("--sparsities: '" + p + "' is not a number (give a list like 0.1,0.5,0.9)");
            }
            if (!(grid[i] >= 0 && grid[i] <= 1)) {
                throw new InvalidInputException("--sparsities: " + p + " is outside [0, 1]");
            }
        }
        return grid;
    }

    private void printTable(List<SweepRow> rows) {
        var o = ctx.out();
        o.printf("%8s %5s %14s %11s %11s %11s %11s %9s %5s%n", "S", "seed", "model", "L_GT", "L_GT(x>0)",
                "recon x_p", "monosem.", "avg.feat", "dead");
        for (SweepRow r : rows) {
            o.printf(Locale.ROOT, "%8.3f %5d %14s %11s %11s %11s %11s %9s %5d%n", r.sparsity(), r.seed(), r.model(),
                    Tables.number(r.lossGT()), Tables.number(r.lossGTNonSparse()), Tables.number(r.reconstructionXp()),
                    Tables.number(r.monosemanticity()), Tables.number(r.avgActivatedFeatures()), r.deadLatents());
        }
        o.printf("%d rows written to %s%n", rows.size(), out);
    }
}
