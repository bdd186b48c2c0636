package dev.saeexplorer.core.superposition;

import dev.saeexplorer.core.Matrices;
import dev.saeexplorer.core.sae.BatchSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import java.util.function.LongFunction;
import java.util.stream.IntStream;

/**
 * The synthetic world of the WSAE paper as float32 batches: ground truth x at sparsity S and x_p = W_p x, rows as
 * samples. Streams with different seeds are independent; the same seed gives the same data.
 */
public final class SyntheticData {
    private static final int CHUNKS = 8;
    private final Superposition sp;
    private final double sparsity;
    private final INDArray wpT;
    private final LongFunction<? extends FeatureSampler> samplers;
    private final int[][] hierarchy;

    /** The WSAE paper's world: every feature active with probability 1 − S, magnitude Uniform(0, 1]. */
    public SyntheticData(Superposition sp, double sparsity) {
        this(sp, sparsity, seed -> new SparseSampler(sp.features(), sparsity, seed));
        SparseSampler.checkSparsity(sparsity);
    }

    /**
     * Another world over W_p: {@code samplers} gives the ground-truth stream for a seed (its n must be W_p's);
     * {@code sparsity} is only what results report as the run's sparsity.
     */
    public SyntheticData(Superposition sp, double sparsity, LongFunction<? extends FeatureSampler> samplers) {
        this(sp, sparsity, samplers, new int[0][]);
    }

    /**
     * As {@link #SyntheticData(Superposition, double, LongFunction)}, for a world with a parent → child hierarchy:
     * {@code hierarchy} lists its edges as {parent, child} feature indices (for the absorption metric).
     */
    public SyntheticData(Superposition sp, double sparsity, LongFunction<? extends FeatureSampler> samplers,
                         int[][] hierarchy) {
        this.hierarchy = new int[hierarchy.length][];
        for (int k = 0; k < hierarchy.length; k++) {
            this.hierarchy[k] = hierarchy[k].clone();
        }
        this.sp = sp;
        this.sparsity = sparsity;
        this.samplers = samplers;
        this.wpT = Nd4j.createFromArray(Matrices.flatten(Matrices.transpose(sp.matrix())))
                .reshape(sp.features(), sp.dims());
    }

    public Superposition superposition() {
        return sp;
    }

    public double sparsity() {
        return sparsity;
    }

    /** The hierarchy's edges as {parent, child} feature indices, a copy; empty for a world without one. */
    public int[][] hierarchy() {
        int[][] copy = new int[hierarchy.length][];
        for (int k = 0; k < hierarchy.length; k++) {
            copy[k] = hierarchy[k].clone();
        }
        return copy;
    }

    /** A fixed sample: x [samples, n] and x_p [samples, n_p]. */
    public Sample sample(int samples, long seed) {
        FeatureSampler sampler = samplers.apply(seed);
        float[] xs = new float[samples * sp.features()];
        sampler.fill(xs, samples);
        INDArray x = Nd4j.createFromArray(xs).reshape(samples, sp.features());
        return new Sample(x, x.mmul(wpT));
    }

    /**
     * An endless stream of x_p batches for training. x is drawn as its active features only and x_p = W_p x accumulated
     * from those columns, so a batch costs O(batch · active features · n_p), not O(batch · n · n_p). The batch is
     * drawn in {@value #CHUNKS} row chunks, each from its own random stream, in parallel; the data depend on the seed
     * only, not on the number of threads.
     */
    public BatchSource batches(int batch, long seed) {
        int d = sp.dims();
        float[] columns = Matrices.flatten(Matrices.transpose(sp.matrix())); // row i = column i of W_p
        float[] xp = new float[batch * d];
        RowChunk[] chunks = new RowChunk[CHUNKS];
        for (int c = 0; c < CHUNKS; c++) {
            chunks[c] = new RowChunk(samplers.apply(seed + c * 0x9E3779B97F4A7C15L),
                    (int) ((long) batch * c / CHUNKS), (int) ((long) batch * (c + 1) / CHUNKS));
        }
        return new BatchSource() {
            @Override
            public float[] next() {
                IntStream.range(0, CHUNKS).parallel().forEach(c -> chunks[c].fill(xp, columns, d));
                return xp;
            }

            @Override
            public int batch() {
                return batch;
            }

            @Override
            public int inputDim() {
                return d;
            }
        };
    }

    /** Rows [from, to) of every batch, drawn from one random stream. */
    private static final class RowChunk {
        private final FeatureSampler sampler;
        private final int from;
        private final int to;
        private final int[] idx;
        private final double[] val;

        RowChunk(FeatureSampler sampler, int from, int to) {
            this.sampler = sampler;
            this.from = from;
            this.to = to;
            this.idx = new int[sampler.features()];
            this.val = new double[sampler.features()];
        }

        void fill(float[] xp, float[] columns, int d) {
            java.util.Arrays.fill(xp, from * d, to * d, 0f);
            for (int b = from; b < to; b++) {
                int count = sampler.nextActive(idx, val);
                int row = b * d;
                for (int a = 0; a < count; a++) {
                    float v = (float) val[a];
                    int col = idx[a] * d;
                    for (int k = 0; k < d; k++) {
                        xp[row + k] += v * columns[col + k];
                    }
                }
            }
        }
    }

    /** Per-dimension variance s_i of x_p over a sample (the WSAE's proxy for monosemanticity). */
    public double[] inputVariance(int samples, long seed) {
        return sample(samples, seed).xp().castTo(DataType.DOUBLE).var(false, 0).toDoubleVector();
    }

    /** Ground truth and its superposition, row for row. */
    public record Sample(INDArray x, INDArray xp) {
        public int size() {
            return (int) x.size(0);
        }
    }
}
