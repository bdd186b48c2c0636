package dev.saeexplorer.core.metrics;

import java.util.Arrays;
import org.jgrapht.Graph;
import org.jgrapht.alg.interfaces.MatchingAlgorithm;
import org.jgrapht.alg.matching.KuhnMunkresMinimalWeightBipartitePerfectMatching;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;

/**
 * Maximum-weight bipartite matching of latents to ground-truth features (Hungarian algorithm, JGraphT's Kuhn–Munkres).
 * The smaller side is padded with zero-weight dummies so the matching is perfect on the square graph; a feature matched
 * to a dummy has no latent.
 *
 * @param latentOfFeature for feature i, the matched latent, or −1 when there are fewer latents than features
 * @param totalWeight     the sum of the matched weights
 */
public record LatentMatching(int[] latentOfFeature, double totalWeight) {

    /** @param weight weight[j][i] between latent j and feature i (e.g. their correlation); finite. */
    public static LatentMatching maximumWeight(double[][] weight) {
        int latents = weight.length;
        int features = weight[0].length;
        int size = Math.max(latents, features);
        Graph<Integer, DefaultWeightedEdge> graph = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
        java.util.Set<Integer> left = new java.util.HashSet<>();
        java.util.Set<Integer> right = new java.util.HashSet<>();
        for (int j = 0; j < size; j++) {
            graph.addVertex(j);
            left.add(j);
        }
        for (int i = 0; i < size; i++) {
            graph.addVertex(size + i);
            right.add(size + i);
        }
        for (int j = 0; j < size; j++) {
            for (int i = 0; i < size; i++) {
                double w = j < latents && i < features ? weight[j][i] : 0.0;
                DefaultWeightedEdge e = graph.addEdge(j, size + i);
                graph.setEdgeWeight(e, -w); // minimal weight of the negation = maximal weight
            }
        }
        MatchingAlgorithm.Matching<Integer, DefaultWeightedEdge> matching =
                new KuhnMunkresMinimalWeightBipartitePerfectMatching<>(graph, left, right).getMatching();
        int[] latentOf = new int[features];
        Arrays.fill(latentOf, -1);
        double total = 0;
        for (DefaultWeightedEdge e : matching.getEdges()) {
            int a = graph.getEdgeSource(e);
            int b = graph.getEdgeTarget(e);
            int latent = Math.min(a, b);
            int feature = Math.max(a, b) - size;
            if (latent < latents && feature < features) {
                latentOf[feature] = latent;
                total += weight[latent][feature];
            }
        }
        return new LatentMatching(latentOf, total);
    }
}
