package dev.saeexplorer.ui.superposition;

import dev.saeexplorer.core.world.World;
import dev.saeexplorer.core.superposition.SampleStats;
import dev.saeexplorer.core.superposition.Superposition;
import java.util.List;

/**
 * Monte-Carlo statistics over S for one W_p: the fixed grid plus the current S, sorted by S.
 *
 * @param superposition the W_p they were computed for (compared by identity to reuse the grid)
 * @param world         how x was drawn (compared by equality)
 * @param gamma         Γ, or null
 * @param seed          the sampler's seed
 * @param gridSamples   samples per grid point
 * @param grid          statistics at {@link CurveCalculator#GRID}, in grid order
 * @param current       statistics at the current S ({@code current.samples()} says how many samples it used)
 * @param preview       true when some point used the reduced sample count of a drag
 */
record CurveSet(Superposition superposition, World world, double[] gamma, long seed, int gridSamples, List<SampleStats> grid,
                SampleStats current, boolean preview) {

    /** Grid points and the current point merged, sorted by S, without a duplicate when S lies on the grid. */
    List<SampleStats> points() {
        java.util.ArrayList<SampleStats> all = new java.util.ArrayList<>(grid);
        boolean onGrid = grid.stream().anyMatch(p -> p.sparsity() == current.sparsity());
        if (!onGrid) {
            all.add(current);
        }
        all.sort(java.util.Comparator.comparingDouble(SampleStats::sparsity));
        return all;
    }

    double sparsity() {
        return current.sparsity();
    }
}
