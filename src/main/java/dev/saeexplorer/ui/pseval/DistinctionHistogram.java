package dev.saeexplorer.ui.pseval;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * PS-Eval Figure 3 (left) as numbers: histograms of the polysemous distinction 1 − cos of the LLM activations and of
 * the SAE features (and of B's features when comparing) over the same bins, for one subset of the evaluated pairs.
 *
 * @param edges bin edges, {@code bins + 1} of them, from 0
 * @param llm   counts of the LLM distinction per bin
 * @param sae   counts of A's SAE distinction per bin
 * @param saeB  counts of B's SAE distinction per bin, or null without a comparison
 * @param pairs pairs in the subset; pairs without a value (a zero vector) are counted in no bin
 */
public record DistinctionHistogram(double[] edges, int[] llm, int[] sae, int[] saeB, int pairs) {
    /** Which evaluated pairs the figure counts. */
    public enum Subset {
        DIFFERENT("Different meaning (as in the paper)"), SAME("Same meaning"), ALL("All evaluated pairs");

        private final String text;

        Subset(String text) {
            this.text = text;
        }

        boolean includes(int label) {
            return this == ALL || (this == SAME) == (label == 1);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    static final int BINS = 24;

    static DistinctionHistogram of(List<PairRow> rows, Subset subset, boolean compare) {
        List<PairRow> in = new ArrayList<>();
        for (PairRow r : rows) {
            if (r.a() != null && subset.includes(r.row().label())) {
                in.add(r);
            }
        }
        List<Double> llm = values(in, r -> r.a().llmDistinction());
        List<Double> sae = values(in, r -> r.a().saeDistinction());
        List<Double> saeB = compare ? values(in, r -> r.b() == null ? null : r.b().saeDistinction()) : List.of();
        double top = 0;
        for (List<Double> l : List.of(llm, sae, saeB)) {
            for (double v : l) {
                top = Math.max(top, v);
            }
        }
        // Distinction lies in [0, 2]; round the range up to a tenth so bins have readable edges.
        double upper = Math.min(2.0, Math.max(0.1, Math.ceil(top * 10 + 1e-9) / 10));
        double[] edges = new double[BINS + 1];
        for (int i = 0; i <= BINS; i++) {
            edges[i] = upper * i / BINS;
        }
        return new DistinctionHistogram(edges, count(llm, upper), count(sae, upper), compare ? count(saeB, upper) : null,
                in.size());
    }

    private static List<Double> values(List<PairRow> rows, Function<PairRow, Double> value) {
        List<Double> out = new ArrayList<>();
        for (PairRow r : rows) {
            Double v = value.apply(r);
            if (v != null && Double.isFinite(v)) {
                out.add(v);
            }
        }
        return out;
    }

    private static int[] count(List<Double> values, double upper) {
        int[] c = new int[BINS];
        for (double v : values) {
            c[bin(v, upper)]++;
        }
        return c;
    }

    static int bin(double v, double upper) {
        return Math.max(0, Math.min(BINS - 1, (int) Math.floor(v / upper * BINS)));
    }
}
