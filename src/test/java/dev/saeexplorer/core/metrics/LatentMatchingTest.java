package dev.saeexplorer.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LatentMatchingTest {

    @Test
    void squareCaseTakesTheBestTotalNotTheGreedyPairs() {
        // Greedy would take latent 0 → feature 0 (0.9), then latent 1 → feature 1 (0.1): total 1.0.
        // The optimum is latent 0 → feature 1 (0.8) and latent 1 → feature 0 (0.85): total 1.65.
        double[][] w = {{0.9, 0.8}, {0.85, 0.1}};
        LatentMatching m = LatentMatching.maximumWeight(w);
        assertArrayEquals(new int[] {1, 0}, m.latentOfFeature());
        assertEquals(1.65, m.totalWeight(), 1e-12);
    }

    @Test
    void threeByThreeHandCase() {
        // All 6 permutations by hand: (0,1,2)=0.1+0.5+0.2=0.8, (0,2,1)=0.1+0.6+0.9=1.6, (1,0,2)=0.7+0.3+0.2=1.2,
        // (1,2,0)=0.7+0.6+0.4=1.7, (2,0,1)=0.2+0.3+0.9=1.4, (2,1,0)=0.2+0.5+0.4=1.1 → latents (1,2,0) of features 0,1,2?
        // Read as latent j → feature: the best assigns latent 0 → feature 1, latent 1 → feature 2, latent 2 → feature 0.
        double[][] w = {{0.1, 0.7, 0.2}, {0.3, 0.5, 0.6}, {0.4, 0.9, 0.2}};
        LatentMatching m = LatentMatching.maximumWeight(w);
        double best = Double.NEGATIVE_INFINITY;
        int[][] perms = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
        for (int[] p : perms) { // p[j] = feature of latent j
            best = Math.max(best, w[0][p[0]] + w[1][p[1]] + w[2][p[2]]);
        }
        assertEquals(1.7, best, 1e-12);
        assertEquals(best, m.totalWeight(), 1e-12);
        assertArrayEquals(new int[] {2, 0, 1}, m.latentOfFeature());
    }

    @Test
    void extraLatentsStayUnmatched() {
        double[][] w = {{0.0, 0.1}, {0.9, 0.0}, {0.2, 0.3}, {0.0, 0.95}};
        LatentMatching m = LatentMatching.maximumWeight(w);
        assertArrayEquals(new int[] {1, 3}, m.latentOfFeature());
        assertEquals(1.85, m.totalWeight(), 1e-12);
    }

    @Test
    void fewerLatentsThanFeaturesLeavesTheWeakestFeatureWithoutOne() {
        double[][] w = {{0.2, 0.9, 0.1}};
        assertArrayEquals(new int[] {-1, 0, -1}, LatentMatching.maximumWeight(w).latentOfFeature());
    }
}
