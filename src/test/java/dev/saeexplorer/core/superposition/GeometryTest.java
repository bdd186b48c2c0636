package dev.saeexplorer.core.superposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Theorem 1's polygon condition and Theorem 2's non-positive interference, on matrices whose Gram is known by hand. */
class GeometryTest {

    @Test
    void example1IsOneDigonPlusAMonosemanticFeature() {
        // G = [[1,0,0],[0,1,-1],[0,-1,1]].
        Geometry g = Geometry.of(Presets.example1());
        assertTrue(g.nonPositiveInterference());
        assertEquals(List.of(List.of(1, 2)), g.polygonBlocks());
        assertNull(g.failure());
    }

    @Test
    void example2IsOneTriangleBlock() {
        // Columns at 120°: every off-diagonal Gram entry is cos 120° = -1/2 = -1/(3-1).
        Geometry g = Geometry.of(Presets.example2());
        assertTrue(g.nonPositiveInterference());
        assertEquals(List.of(List.of(0, 1, 2)), g.polygonBlocks());
        assertNull(g.failure());
    }

    @Test
    void identityHasNoSuperposedBlocksAndMeetsTheCondition() {
        Geometry g = Geometry.of(Presets.identity(5));
        assertTrue(g.nonPositiveInterference());
        assertNotNull(g.polygonBlocks());
        assertTrue(g.polygonBlocks().isEmpty());
        assertNull(g.failure());
    }

    @Test
    void digonsGiveOneBlockOfTwoPerDimension() {
        Geometry g = Geometry.of(Presets.digons(3));
        assertTrue(g.nonPositiveInterference());
        assertEquals(List.of(List.of(0, 1), List.of(2, 3), List.of(4, 5)), g.polygonBlocks());
        assertNull(g.failure());
    }

    @Test
    void digonsPresetHasTheDocumentedLayout() {
        double[][] m = Presets.digons(2).matrix();
        assertEquals(2, m.length);
        assertEquals(4, m[0].length);
        double[][] expected = {{1, -1, 0, 0}, {0, 0, 1, -1}};
        for (int r = 0; r < 2; r++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected[r], m[r], 0.0);
        }
    }

    @Test
    void triangleMeetsThePolygonCondition() {
        Geometry g = Geometry.of(Presets.regularPolygon(3));
        assertTrue(g.nonPositiveInterference());
        assertEquals(List.of(List.of(0, 1, 2)), g.polygonBlocks());
    }

    @Test
    void squareInThePlaneIsTwoOrthogonalDigons() {
        // The square's vertices (1,0), (0,1), (-1,0), (0,-1): opposite vertices interfere by -1, neighbours by 0.
        // That is NOT one 4-block (which would need -1/3 everywhere) but, after permuting, two digons {0,2} and {1,3}
        // that are orthogonal to each other — exactly the block-diagonal form of eq. 19, so Theorem 1's condition
        // holds with two blocks of size 2.
        Geometry g = Geometry.of(Presets.regularPolygon(4));
        assertTrue(g.nonPositiveInterference());
        assertEquals(List.of(List.of(0, 2), List.of(1, 3)), g.polygonBlocks());
        assertNull(g.failure());
    }

    @Test
    void triangleWithAnAntipodalFourthFeatureInterferesPositivelyAndIsNoPolygon() {
        // The triangle (3 features at 120°) and a fourth feature at 180° from the first:
        // G[0][3] = -1, G[1][3] = G[2][3] = +1/2. Positive interference, and not a polygon.
        double h = Math.sqrt(3) / 2;
        Superposition sp = Superposition.of(new double[][] {{0, h, -h, 0}, {1, -0.5, -0.5, -1}});
        Geometry g = Geometry.of(sp);
        assertFalse(g.nonPositiveInterference());
        assertNull(g.polygonBlocks());
        assertNotNull(g.failure());
        assertFalse(g.failure().isBlank());
    }

    @Test
    void connectedBlockWithWrongNegativeInterferenceFailsTheoremOne() {
        // Three unit vectors in 3-D with pairwise inner products -1/2, -1/2 and 0: non-positive everywhere and
        // connected (0–1, 0–2), but a block of 3 needs -1/2 on every pair.
        // Columns c0 = e1, c1 = (-1/2, √3/2, 0), c2 = (-1/2, -1/(2√3), √(2/3)): c0·c1 = c0·c2 = -1/2,
        // c1·c2 = 1/4 - 1/4 = 0, |c2|² = 1/4 + 1/12 + 2/3 = 1.
        double h = Math.sqrt(3) / 2;
        double a = -1 / (2 * Math.sqrt(3));
        double b = Math.sqrt(2.0 / 3);
        Superposition chain = Superposition.of(new double[][] {{1, -0.5, -0.5}, {0, h, a}, {0, 0, b}});
        double[][] g = chain.gram();
        assertEquals(-0.5, g[0][1], 1e-12);
        assertEquals(-0.5, g[0][2], 1e-12);
        assertEquals(0.0, g[1][2], 1e-12);
        assertEquals(1.0, g[2][2], 1e-12);
        Geometry geometry = Geometry.of(chain);
        assertTrue(geometry.nonPositiveInterference());
        assertNull(geometry.polygonBlocks());
        assertNotNull(geometry.failure());
    }

    @Test
    void pentagonHasPositiveInterferenceBetweenNeighbours() {
        // Neighbours at 72°: cos 72° ≈ 0.309 > 0.
        Geometry g = Geometry.of(Presets.regularPolygon(5));
        assertFalse(g.nonPositiveInterference());
        assertNull(g.polygonBlocks());
        assertNotNull(g.failure());
    }

    @Test
    void columnWithNormOtherThanOneFailsTheoremOne() {
        // W_p = [[2, 0], [0, 1]]: orthogonal (so non-positive interference), but ‖w_0‖² = 4.
        Geometry g = Geometry.of(Superposition.of(new double[][] {{2, 0}, {0, 1}}));
        assertTrue(g.nonPositiveInterference());
        assertNull(g.polygonBlocks());
        assertNotNull(g.failure());
        assertTrue(g.failure().contains("0"), g.failure());
    }

    @Test
    void shortenedDigonFailsTheoremOne() {
        // [[1, -0.5]]: G = [[1, -0.5], [-0.5, 0.25]]: antipodal but the second column has norm 1/2.
        Geometry g = Geometry.of(Superposition.of(new double[][] {{1, -0.5}}));
        assertTrue(g.nonPositiveInterference());
        assertNull(g.polygonBlocks());
        assertNotNull(g.failure());
    }

    @Test
    void polygonBlocksAreFoundAfterAPermutationOfTheFeatures() {
        // Example 2's triangle interleaved with two monosemantic features in a 4-D space; features 1, 3, 4 form the
        // triangle.
        double h = Math.sqrt(3) / 2;
        Superposition sp = Superposition.of(new double[][] {
                {1, 0, 0, 0, 0},
                {0, 0, 0, h, -h},
                {0, 1, 0, -0.5, -0.5},
                {0, 0, 1, 0, 0}});
        Geometry g = Geometry.of(sp);
        assertTrue(g.nonPositiveInterference());
        // Feature 2 and feature 0 are monosemantic; the triangle is {1, 3, 4}.
        assertEquals(List.of(List.of(1, 3, 4)), g.polygonBlocks());
    }

    @Test
    void randomNonPositiveNeverInterferesPositively() {
        int cases = 0;
        for (int dims = 1; dims <= 12; dims++) {
            for (int n = dims; n <= 2 * dims; n++) {
                for (long seed = 0; seed < 6; seed++) {
                    Superposition sp = Presets.randomNonPositive(dims, n, seed * 7919 + dims);
                    double[][] w = sp.matrix();
                    assertEquals(dims, w.length);
                    assertEquals(n, w[0].length);
                    for (int i = 0; i < n; i++) {
                        double normSq = 0;
                        for (int r = 0; r < dims; r++) {
                            normSq += w[r][i] * w[r][i];
                        }
                        double norm = Math.sqrt(normSq);
                        // Documented magnitudes in [0.5, 1].
                        assertTrue(norm >= 0.5 - 1e-9 && norm <= 1 + 1e-9, "column norm " + norm);
                        for (int j = 0; j < n; j++) {
                            if (i == j) {
                                continue;
                            }
                            double dot = 0;
                            for (int r = 0; r < dims; r++) {
                                dot += w[r][i] * w[r][j];
                            }
                            assertTrue(dot <= 1e-9, "dims " + dims + " n " + n + " seed " + seed + ": G[" + i + "]["
                                    + j + "] = " + dot);
                        }
                    }
                    assertTrue(Geometry.of(sp).nonPositiveInterference());
                    cases++;
                }
            }
        }
        assertTrue(cases > 500);
    }

    @Test
    void randomNonPositiveWithUnitColumnsIsAUnionOfRegularSimplices() {
        // The preset builds orthogonal regular simplices (p ≤ 5) and scales columns; dividing the scale back out must
        // leave Theorem 1's geometry: within a block every pair at −1/(p−1), across blocks 0.
        int blocksOfThreeOrMore = 0;
        for (int dims = 2; dims <= 10; dims += 2) {
            for (int n = dims; n <= 2 * dims; n++) {
                for (long seed = 0; seed < 4; seed++) {
                    double[][] w = Theorem2Test.unitColumns(Presets.randomNonPositive(dims, n, seed)).matrix();
                    Geometry g = Geometry.of(Superposition.of(w));
                    assertNotNull(g.polygonBlocks(), "dims " + dims + " n " + n + " seed " + seed + ": " + g.failure());
                    int[] blockOf = new int[n];
                    java.util.Arrays.fill(blockOf, -1);
                    for (int b = 0; b < g.polygonBlocks().size(); b++) {
                        List<Integer> block = g.polygonBlocks().get(b);
                        assertTrue(block.size() >= 2 && block.size() <= 5, block.toString());
                        if (block.size() >= 3) {
                            blocksOfThreeOrMore++;
                        }
                        for (int f : block) {
                            assertEquals(-1, blockOf[f], "feature in two blocks");
                            blockOf[f] = b;
                        }
                    }
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            double dot = 0;
                            for (double[] row : w) {
                                dot += row[i] * row[j];
                            }
                            double expected;
                            if (i == j) {
                                expected = 1;
                            } else if (blockOf[i] >= 0 && blockOf[i] == blockOf[j]) {
                                expected = -1.0 / (g.polygonBlocks().get(blockOf[i]).size() - 1);
                            } else {
                                expected = 0;
                            }
                            assertEquals(expected, dot, 1e-9, "G[" + i + "][" + j + "]");
                        }
                    }
                    // The raw preset's columns are shorter than one, so Theorem 1's condition fails there.
                    assertNull(Geometry.of(Presets.randomNonPositive(dims, n, seed)).polygonBlocks());
                }
            }
        }
        assertTrue(blocksOfThreeOrMore > 0, "the sweep should include triangles or larger simplices");
    }

    @Test
    void randomNonPositiveIsDeterministicForASeed() {
        double[][] a = Presets.randomNonPositive(6, 11, 42).matrix();
        double[][] b = Presets.randomNonPositive(6, 11, 42).matrix();
        double[][] c = Presets.randomNonPositive(6, 11, 43).matrix();
        boolean differs = false;
        for (int r = 0; r < a.length; r++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(a[r], b[r], 0.0);
            for (int col = 0; col < a[r].length; col++) {
                differs |= a[r][col] != c[r][col];
            }
        }
        assertTrue(differs, "a different seed should give a different matrix");
    }

    @Test
    void randomNonPositiveRejectsMoreThanTwiceTheDimensions() {
        for (int dims = 1; dims <= 6; dims++) {
            final int d = dims;
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> Presets.randomNonPositive(d, 2 * d + 1, 1));
            assertNotNull(e.getMessage());
        }
        assertThrows(InvalidInputException.class, () -> Presets.randomNonPositive(3, 100, 1));
    }

    @Test
    void toleranceArgumentIsRespected() {
        // A 1e-4 positive interference counts as positive at tolerance 1e-6 but not at 1e-3.
        double eps = 1e-4;
        Superposition sp = Superposition.of(new double[][] {{1, eps}, {0, Math.sqrt(1 - eps * eps)}});
        assertFalse(Geometry.of(sp, 1e-6).nonPositiveInterference());
        assertTrue(Geometry.of(sp, 1e-3).nonPositiveInterference());
        assertEquals(List.of(), Geometry.of(sp, 1e-3).polygonBlocks());
    }
}
