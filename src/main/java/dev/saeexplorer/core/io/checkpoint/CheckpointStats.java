package dev.saeexplorer.core.io.checkpoint;

import dev.saeexplorer.core.sae.SaeModel;

/**
 * Weight statistics of an SAE for {@code inspect}: the decoder rows' norms, and per latent j the cosine between its
 * encoder column W_enc[:, j] and its decoder row W_dec[j, :]. Latents whose encoder or decoder vector is zero have no
 * cosine and are counted in {@code zeroVectorLatents}. {@code deadFraction} needs a sparsity record and is null until
 * one is read.
 */
public record CheckpointStats(Summary decoderNorm, Summary encoderDecoderCosine, int zeroVectorLatents,
        Double deadFraction) {

    /** Min, mean and max of a set of values; null fields when the set is empty. */
    public record Summary(Double min, Double mean, Double max) {
        static Summary of(double[] v, int count) {
            if (count == 0) {
                return new Summary(null, null, null);
            }
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (int i = 0; i < count; i++) {
                min = Math.min(min, v[i]);
                max = Math.max(max, v[i]);
                sum += v[i];
            }
            return new Summary(min, sum / count, max);
        }
    }

    public static CheckpointStats of(SaeModel model) {
        return of(FeatureGeometry.of(model), null);
    }

    /**
     * Statistics of precomputed geometry; with a sparsity record ({@link SparsityFile}, log10 feature densities) the
     * dead fraction is filled in, else it stays null.
     */
    public static CheckpointStats of(FeatureGeometry geometry, double[] log10Density) {
        double[] norms = geometry.decoderNorms();
        double[] all = geometry.encoderDecoderCosines();
        double[] cos = new double[all.length];
        int withCos = 0;
        for (double c : all) {
            if (!Double.isNaN(c)) {
                cos[withCos++] = c;
            }
        }
        Double dead = log10Density == null ? null : SparsityFile.deadFraction(log10Density);
        return new CheckpointStats(Summary.of(norms, norms.length), Summary.of(cos, withCos), all.length - withCos,
                dead);
    }
}
