package dev.saeexplorer.ui.superposition;

import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.sae.Activation;
import dev.saeexplorer.core.superposition.ClosedForm;
import dev.saeexplorer.core.superposition.MonteCarlo;
import dev.saeexplorer.core.superposition.SampleStats;
import dev.saeexplorer.core.superposition.Superposition;
import dev.saeexplorer.core.world.World;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Computes the playground's Monte-Carlo curves with the core's {@link MonteCarlo}, doing as little as a change needs:
 * <ul>
 *   <li>the grid depends on W_p, the world, Γ, the seed and the sample count but not on S, so moving the S slider reuses the
 *       previous grid and computes one point (none when S lies on the grid);</li>
 *   <li>grid points are independent, so they run in parallel on the common fork-join pool;</li>
 *   <li>every point uses the same seed (common random numbers), which keeps the curves smooth in S.</li>
 * </ul>
 * Runs off the FX thread; cancellation (a newer request) is checked inside the core's sampling loop.
 */
final class CurveCalculator {
    /** 21 points 0, 0.05, …, 1 plus 0.99, where the interesting very sparse regime lies. */
    static final double[] GRID = grid();

    private CurveCalculator() {
    }

    /**
     * @param samples  samples per point wanted now (fewer while dragging)
     * @param full     the user's sample count; a result with fewer samples anywhere is marked as a preview
     * @param previous the last result, whose grid is reused when it matches with at least {@code samples}; may be null
     */
    static CurveSet compute(Superposition sp, World world, double[] gamma, long seed, int samples, int full, double sparsity,
                            CurveSet previous, TaskMonitor monitor) {
        MonteCarlo mc = new MonteCarlo(new ClosedForm(sp, new Activation.Relu()));
        TaskMonitor quiet = new TaskMonitor(dev.saeexplorer.core.compute.Progress.NONE, monitor.cancellation());
        List<SampleStats> grid;
        if (previous != null && previous.superposition() == sp && previous.world().equals(world)
                && Arrays.equals(previous.gamma(), gamma)
                && previous.seed() == seed && previous.gridSamples() >= samples && previous.gridSamples() <= full) {
            grid = previous.grid();
        } else {
            grid = IntStream.range(0, GRID.length).parallel()
                    .mapToObj(i -> point(mc, world, sp, GRID[i], samples, seed, gamma, quiet))
                    .toList();
        }
        int gridSamples = grid.get(0).samples();
        SampleStats current = null;
        for (SampleStats p : grid) {
            if (p.sparsity() == sparsity) {
                current = p;
            }
        }
        if (current == null) {
            current = point(mc, world, sp, sparsity, samples, seed, gamma, quiet);
        }
        boolean preview = gridSamples < full || current.samples() < full;
        return new CurveSet(sp, world, gamma, seed, gridSamples, grid, current, preview);
    }

    private static SampleStats point(MonteCarlo mc, World world, Superposition sp, double s, int samples, long seed,
                                     double[] gamma, TaskMonitor monitor) {
        return mc.run(world.samplerAt(s, sp.features(), seed), s, samples, gamma, monitor);
    }

    private static double[] grid() {
        double[] g = new double[22];
        for (int i = 0; i <= 20; i++) {
            g[i] = i / 20.0;
        }
        g[21] = 0.99;
        Arrays.sort(g);
        return g;
    }
}
