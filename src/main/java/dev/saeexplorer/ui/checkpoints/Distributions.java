package dev.saeexplorer.ui.checkpoints;

import dev.saeexplorer.core.io.checkpoint.SparsityFile;
import dev.saeexplorer.core.metrics.DecoderMatch;
import java.util.EnumMap;
import java.util.Map;

/** Bins the distributions of A (and B) for the charts; cheap (one pass over d_sae values each). */
final class Distributions {
    /** A match at or above this cosine counts as "the same direction" in the best-match note. */
    static final double SAME_DIRECTION = 0.9;

    private Distributions() {
    }

    static Map<Distribution, HistogramPair> of(InspectedCheckpoint a, InspectedCheckpoint b, DecoderMatch match) {
        Map<Distribution, HistogramPair> out = new EnumMap<>(Distribution.class);
        if (a == null) {
            for (Distribution d : Distribution.values()) {
                out.put(d, new HistogramPair(null, null, "Open a checkpoint to see its features."));
            }
            return out;
        }
        out.put(Distribution.DECODER_NORM, pair(a.geometry().decoderNorms(),
                b == null ? null : b.geometry().decoderNorms(), "one count per feature"));
        out.put(Distribution.ENC_DEC_COSINE, pair(a.geometry().encoderDecoderCosines(),
                b == null ? null : b.geometry().encoderDecoderCosines(),
                "1: a feature reads and writes one direction"));
        out.put(Distribution.LOG10_DENSITY, density(a, b));
        out.put(Distribution.BEST_MATCH, bestMatch(a, b, match));
        return out;
    }

    private static HistogramPair pair(double[] va, double[] vb, String note) {
        double[] r = Histogram.range(va, vb);
        if (r == null) {
            return new HistogramPair(null, null, "no values");
        }
        int bins = Histogram.bins(Math.max(va.length, vb == null ? 0 : vb.length));
        return new HistogramPair(Histogram.of(va, r[0], r[1], bins),
                vb == null ? null : Histogram.of(vb, r[0], r[1], bins), note);
    }

    private static HistogramPair density(InspectedCheckpoint a, InspectedCheckpoint b) {
        double[] da = a.log10Density();
        double[] db = b == null ? null : b.log10Density();
        if (da == null && db == null) {
            String why = a.densityProblem() != null ? "its " + SparsityFile.NAME + " is unusable"
                    : "no " + SparsityFile.NAME + " next to the weights";
            return new HistogramPair(null, null, why);
        }
        HistogramPair p = pair(da == null ? new double[0] : da, db, "features that never fired sit at the left end");
        return new HistogramPair(da == null ? null : p.a(), p.b(), da == null
                ? "only B has a density record" : p.note());
    }

    private static HistogramPair bestMatch(InspectedCheckpoint a, InspectedCheckpoint b, DecoderMatch match) {
        if (b == null) {
            return new HistogramPair(null, null, "Compare with a second checkpoint to see how A's features find B's");
        }
        if (a.dIn() != b.dIn()) {
            return new HistogramPair(null, null, "A reads d_in = " + a.dIn() + " and B reads d_in = " + b.dIn()
                    + ": their decoder directions live in different spaces");
        }
        if (match == null) {
            return new HistogramPair(null, null, "matching the features…");
        }
        double[] c = match.cosine();
        double[] r = Histogram.range(c, new double[] {1});
        if (r == null) {
            return new HistogramPair(null, null, "no feature has a decoder direction");
        }
        Histogram h = Histogram.of(c, r[0], 1, Histogram.bins(c.length));
        return new HistogramPair(h, null, match.countAtLeast(SAME_DIRECTION) + " of " + c.length
                + " features of A have a B feature with cosine ≥ " + SAME_DIRECTION);
    }
}
