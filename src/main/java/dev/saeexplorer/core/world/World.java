package dev.saeexplorer.core.world;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Param;
import dev.saeexplorer.core.superposition.FeatureSampler;
import dev.saeexplorer.core.superposition.Superposition;
import dev.saeexplorer.core.superposition.SyntheticData;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.cycle.CycleDetector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.traverse.TopologicalOrderIterator;

/**
 * One description of how ground-truth feature vectors x ∈ ℝⁿ are drawn, over a W_p from the catalogue (its n is W_p's
 * number of features). Saved as JSON by {@link WorldFile}; drawn by {@link WorldSampler}.
 *
 * <p>How a sample is drawn, in this order:
 * <ol>
 *   <li>Each feature fires on its own: a feature that is no child in the hierarchy with its {@link Firing} probability
 *   p_i; a child with its edge's conditional probability q instead.</li>
 *   <li>Each correlated group fires with its probability r; when it does, all its features fire (an OR with step 1:
 *   a grouped feature fires if it fired on its own or any of its groups fired).</li>
 *   <li>The hierarchy, parents before children: a child whose parent did not fire is switched off. So a child never
 *   fires without its parent; given its parent it fires with probability q when it is in no group (the hierarchy wins
 *   over groups: a group cannot make a child fire without its parent).</li>
 *   <li>Each feature that fires gets a magnitude from {@link Magnitude}, independently.</li>
 * </ol>
 *
 * @param wp        W_p: {@code preset:ID} of the catalogue ({@link WpPreset}) or an inline JSON matrix
 * @param groups    correlated groups, possibly empty
 * @param hierarchy parent → child edges, a forest: each child has one parent, no cycles; possibly empty
 */
public record World(String wp, Firing firing, Magnitude magnitude, List<Group> groups, List<Edge> hierarchy) {

    public World {
        groups = groups == null ? List.of() : List.copyOf(groups);
        hierarchy = hierarchy == null ? List.of() : List.copyOf(hierarchy);
        magnitude = magnitude == null ? new Magnitude.Uniform() : magnitude;
        if (wp == null || wp.isBlank()) {
            throw invalid("needs \"wp\": preset:ID (" + WpPreset.IDS + ") or an inline matrix");
        }
        if (firing == null) {
            throw invalid("needs \"firing\": {\"kind\": \"uniform\", \"sparsity\": S} or {\"kind\": \"zipf\", ...}");
        }
    }

    /** The WSAE paper's world over {@code wp}: every feature fires with probability 1 − S, magnitude Uniform(0, 1]. */
    public static World uniform(String wp, double sparsity) {
        return new World(wp, new Firing.Uniform(sparsity), new Magnitude.Uniform(), List.of(), List.of());
    }

    /** How often each feature fires on its own. */
    public sealed interface Firing permits Firing.Uniform, Firing.Zipf {
        /** Every feature with probability 1 − S (S in [0, 1]), as {@code SparseSampler}. */
        record Uniform(double sparsity) implements Firing {
        }

        /**
         * Feature i with probability p_i = min(1, c · (i + 1)^(−exponent)), exponent &gt; 0, with c chosen so that
         * Σ p_i = meanActive (0 &lt; meanActive ≤ n). Capping: where c · (i + 1)^(−a) would exceed 1 the most frequent
         * features fire always (p = 1) and c grows so that the others still make up the mean; the capped features then
         * fire less often than the power law says, relative to the rest.
         */
        record Zipf(double exponent, double meanActive) implements Firing {
        }
    }

    /** The value of a feature that fires. */
    public sealed interface Magnitude permits Magnitude.Uniform, Magnitude.Constant, Magnitude.Exponential {
        /** Uniform(0, 1], as {@code SparseSampler}. */
        record Uniform() implements Magnitude {
        }

        /** Always {@code value} (&gt; 0). */
        record Constant(double value) implements Magnitude {
        }

        /** Exponential with the given mean (&gt; 0): −mean · ln u, u ~ Uniform(0, 1]. */
        record Exponential(double mean) implements Magnitude {
        }
    }

    /** Features that fire together, as a group, with {@code probability} per sample. */
    public record Group(List<Integer> features, double probability) {
        public Group {
            features = features == null ? List.of() : List.copyOf(features);
        }
    }

    /** {@code child} can fire only when {@code parent} fires; given the parent it fires with {@code probability}. */
    public record Edge(int parent, int child, double probability) {
    }

    /**
     * The training and evaluation data of this world over its W_p, checked: x drawn by {@link WorldSampler}, reporting
     * {@link #nominalSparsity} as its sparsity and carrying the hierarchy's edges (for the absorption metric).
     */
    public SyntheticData data() {
        return data(superposition());
    }

    /** The same over another W_p of the same shape (a sweep's toy model trained per seed), checked against its n. */
    public SyntheticData data(Superposition sp) {
        int n = sp.features();
        List<Edge> edges = check(n);
        int[][] hierarchyEdges = new int[edges.size()][];
        for (int k = 0; k < edges.size(); k++) {
            hierarchyEdges[k] = new int[] {edges.get(k).parent(), edges.get(k).child()};
        }
        return new SyntheticData(sp, nominalSparsity(n), seed -> new WorldSampler(this, n, seed), hierarchyEdges);
    }

    /** W_p, built from {@link #wp}. */
    public Superposition superposition() {
        return WpPreset.load(wp, "the world's \"wp\"");
    }

    /**
     * Checks the description against n features; every problem is an {@link InvalidInputException} about
     * {@link Param#WORLD}. Returns the hierarchy's edges parents first (a topological order of the children).
     */
    public List<Edge> check(int n) {
        if (firing instanceof Firing.Uniform u) {
            if (!(u.sparsity() >= 0 && u.sparsity() <= 1)) {
                throw invalid("firing: sparsity must be in [0, 1], got " + u.sparsity());
            }
        } else if (firing instanceof Firing.Zipf z) {
            if (!(z.exponent() > 0) || Double.isInfinite(z.exponent())) {
                throw invalid("firing: the Zipf exponent must be a finite number > 0, got " + z.exponent());
            }
            if (!(z.meanActive() > 0 && z.meanActive() <= n)) {
                throw invalid("firing: meanActive (the expected number of active features) must be in (0, " + n
                        + "], n = " + n + " features, got " + z.meanActive());
            }
        }
        if (magnitude instanceof Magnitude.Constant c && !(c.value() > 0 && c.value() < Double.POSITIVE_INFINITY)) {
            throw invalid("magnitude: the constant value must be a finite number > 0, got " + c.value());
        }
        if (magnitude instanceof Magnitude.Exponential e && !(e.mean() > 0 && e.mean() < Double.POSITIVE_INFINITY)) {
            throw invalid("magnitude: the exponential mean must be a finite number > 0, got " + e.mean());
        }
        for (int g = 0; g < groups.size(); g++) {
            Group group = groups.get(g);
            String where = "groups[" + g + "]: ";
            checkProbability(where, group.probability());
            if (group.features().isEmpty()) {
                throw invalid(where + "a group needs at least one feature");
            }
            if (group.features().size() > n) {
                throw invalid(where + "the group has " + group.features().size() + " features, but the world has only "
                        + n);
            }
            Set<Integer> seen = new HashSet<>();
            for (int f : group.features()) {
                checkIndex(where, f, n);
                if (!seen.add(f)) {
                    throw invalid(where + "feature " + f + " is listed twice");
                }
            }
        }
        Graph<Integer, DefaultEdge> graph = new DefaultDirectedGraph<>(DefaultEdge.class);
        Edge[] parentOf = new Edge[n];
        for (int k = 0; k < hierarchy.size(); k++) {
            Edge e = hierarchy.get(k);
            String where = "hierarchy[" + k + "]: ";
            checkIndex(where + "parent: ", e.parent(), n);
            checkIndex(where + "child: ", e.child(), n);
            checkProbability(where, e.probability());
            if (e.parent() == e.child()) {
                throw invalid(where + "feature " + e.child() + " cannot be its own parent");
            }
            if (parentOf[e.child()] != null) {
                throw invalid(where + "feature " + e.child() + " already has parent " + parentOf[e.child()].parent()
                        + "; a child has one parent");
            }
            parentOf[e.child()] = e;
            graph.addVertex(e.parent());
            graph.addVertex(e.child());
            graph.addEdge(e.parent(), e.child());
        }
        CycleDetector<Integer, DefaultEdge> cycles = new CycleDetector<>(graph);
        if (cycles.detectCycles()) {
            throw invalid("hierarchy: the edges form a cycle through features " + new java.util.TreeSet<>(cycles.findCycles())
                    + "; a feature cannot be its own ancestor");
        }
        List<Edge> ordered = new ArrayList<>();
        new TopologicalOrderIterator<>(graph).forEachRemaining(v -> {
            if (parentOf[v] != null) {
                ordered.add(parentOf[v]);
            }
        });
        return ordered;
    }

    /**
     * This world at nominal sparsity S (a sweep's grid point): uniform firing at S, or Zipf with the same exponent and
     * meanActive = (1 − S) · n, which needs S &lt; 1; groups, hierarchy and magnitudes unchanged.
     */
    public World atSparsity(double sparsity, int n) {
        Firing at;
        if (firing instanceof Firing.Zipf z) {
            if (!(sparsity >= 0 && sparsity < 1)) {
                throw invalid("a Zipf world's sparsity must be in [0, 1): at S = " + sparsity + " no feature would fire");
            }
            at = new Firing.Zipf(z.exponent(), (1 - sparsity) * n);
        } else {
            at = new Firing.Uniform(sparsity);
        }
        return new World(wp, at, magnitude, groups, hierarchy);
    }

    /**
     * A sampler of this world at nominal sparsity S anywhere in [0, 1] (the playground's curves): {@link #atSparsity},
     * except that at S = 1 a Zipf world's features stop firing on their own, the limit of meanActive → 0 (groups still
     * fire with their own probability). For the uniform world it draws exactly what {@code SparseSampler} draws.
     */
    public FeatureSampler samplerAt(double sparsity, int n, long seed) {
        World at = firing instanceof Firing.Zipf && sparsity == 1
                ? new World(wp, new Firing.Uniform(1), magnitude, groups, hierarchy) : atSparsity(sparsity, n);
        return new WorldSampler(at, n, seed);
    }

    /** Each feature's own firing probability (step 1 before the hierarchy's q replaces a child's): p_i. */
    public double[] firingProbabilities(int n) {
        double[] p = new double[n];
        if (firing instanceof Firing.Uniform u) {
            java.util.Arrays.fill(p, 1 - u.sparsity());
            return p;
        }
        Firing.Zipf z = (Firing.Zipf) firing;
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = Math.pow(i + 1, -z.exponent());
        }
        // Water-filling: the first k features (the largest weights) capped at 1 and c · w_i for the rest, with k the
        // smallest count at which c = (mean − k) / Σ_{i ≥ k} w_i keeps c · w_k ≤ 1; then Σ p_i = mean exactly.
        double[] tail = new double[n + 1];
        for (int i = n - 1; i >= 0; i--) {
            tail[i] = tail[i + 1] + w[i];
        }
        for (int k = 0; k < n; k++) {
            double c = (z.meanActive() - k) / tail[k];
            if (c * w[k] <= 1) {
                for (int i = 0; i < n; i++) {
                    p[i] = i < k ? 1.0 : Math.min(1.0, c * w[i]);
                }
                return p;
            }
        }
        java.util.Arrays.fill(p, 1.0);
        return p;
    }

    /**
     * The sparsity results report for this world: S for uniform firing, 1 − meanActive / n for Zipf (before groups and
     * the hierarchy change the active count).
     */
    public double nominalSparsity(int n) {
        return firing instanceof Firing.Uniform u ? u.sparsity() : 1 - ((Firing.Zipf) firing).meanActive() / n;
    }

    private static void checkProbability(String where, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw invalid(where + "probability must be in [0, 1], got " + p);
        }
    }

    private static void checkIndex(String where, int f, int n) {
        if (f < 0 || f >= n) {
            throw invalid(where + "feature " + f + " does not exist; the features are 0 to " + (n - 1));
        }
    }

    static InvalidInputException invalid(String problem) {
        return InvalidInputException.of(Param.WORLD, "is invalid: " + problem);
    }
}
