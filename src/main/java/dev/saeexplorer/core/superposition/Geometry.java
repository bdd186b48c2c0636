package dev.saeexplorer.core.superposition;

import java.util.ArrayList;
import java.util.List;

/**
 * The geometry conditions of the paper's theorems, checked on G = W_pᵀ W_p (design/MATH.md).
 *
 * @param nonPositiveInterference Theorem 2's condition: every off-diagonal entry of G is ≤ tol
 * @param polygonBlocks           Theorem 1's condition: the superposed blocks (features, 0-based, ascending) of a
 *                                block-diagonal G with an identity block and, per block of p ≥ 2 features, ones on the
 *                                diagonal and −1/(p−1) off it; empty when every feature is monosemantic; null when the
 *                                condition fails
 * @param failure                 why Theorem 1's condition fails, or null when it holds
 */
public record Geometry(boolean nonPositiveInterference, List<List<Integer>> polygonBlocks, String failure) {

    public static final double DEFAULT_TOLERANCE = 1e-6;

    public static Geometry of(Superposition sp) {
        return of(sp, DEFAULT_TOLERANCE);
    }

    public static Geometry of(Superposition sp, double tol) {
        int n = sp.features();
        boolean nonPositive = true;
        for (int i = 0; i < n && nonPositive; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j && sp.gramEntry(i, j) > tol) {
                    nonPositive = false;
                    break;
                }
            }
        }
        List<List<Integer>> components = interferenceComponents(sp, tol);
        List<List<Integer>> blocks = new ArrayList<>();
        for (List<Integer> block : components) {
            String failure = checkBlock(sp, block, tol);
            if (failure != null) {
                return new Geometry(nonPositive, null, failure);
            }
            if (block.size() >= 2) {
                blocks.add(List.copyOf(block));
            }
        }
        return new Geometry(nonPositive, List.copyOf(blocks), null);
    }

    /** Connected components of the graph with an edge wherever two features interfere (|G_ij| > tol). */
    private static List<List<Integer>> interferenceComponents(Superposition sp, double tol) {
        int n = sp.features();
        int[] component = new int[n];
        java.util.Arrays.fill(component, -1);
        List<List<Integer>> components = new ArrayList<>();
        for (int start = 0; start < n; start++) {
            if (component[start] >= 0) {
                continue;
            }
            List<Integer> members = new ArrayList<>();
            java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
            queue.add(start);
            component[start] = components.size();
            while (!queue.isEmpty()) {
                int i = queue.poll();
                members.add(i);
                for (int j = 0; j < n; j++) {
                    if (component[j] < 0 && Math.abs(sp.gramEntry(i, j)) > tol) {
                        component[j] = components.size();
                        queue.add(j);
                    }
                }
            }
            members.sort(null);
            components.add(members);
        }
        return components;
    }

    private static String checkBlock(Superposition sp, List<Integer> block, double tol) {
        int p = block.size();
        double offDiagonal = p >= 2 ? -1.0 / (p - 1) : 0.0;
        for (int a : block) {
            if (Math.abs(sp.gramEntry(a, a) - 1.0) > tol) {
                return String.format("feature %d has squared norm %.6g, not 1", a, sp.gramEntry(a, a));
            }
            for (int b : block) {
                if (a != b && Math.abs(sp.gramEntry(a, b) - offDiagonal) > tol) {
                    return String.format("features %d and %d interfere by %.6g; a block of %d needs %.6g", a, b,
                            sp.gramEntry(a, b), p, offDiagonal);
                }
            }
        }
        return null;
    }
}
