package dev.saeexplorer.core.toymodel;

import static dev.saeexplorer.core.compute.HostMath.accumulateRows;
import static dev.saeexplorer.core.compute.HostMath.add;
import static dev.saeexplorer.core.compute.HostMath.axpy;
import static dev.saeexplorer.core.compute.HostMath.transpose;
import static dev.saeexplorer.core.compute.HostMath.zero;

import dev.saeexplorer.core.Gaussian;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Param;
import dev.saeexplorer.core.compute.HostAdam;
import dev.saeexplorer.core.compute.HostMath;
import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.superposition.SparseSampler;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Trains the toy model of Elhage et al. (2022): x' = ReLU(Wᵀ W x + b), minimising E Σ_i I_i (x_i − x'_i)² with Adam,
 * on sparse data at sparsity S. A fused CPU kernel like the SAE's: x is drawn as its active features, so W x costs
 * O(active · n_p); the batch is split into a fixed number of chunks, each with its own random stream, whose gradients
 * are summed in chunk order, so a seed gives the same W whatever the number of threads.
 */
public final class ToyModelTrainer {
    private static final int CHUNKS = 8;

    public ToyModelResult train(ToyModelConfig cfg, TaskMonitor monitor) {
        int n = cfg.features();
        int np = cfg.dims();
        SplittableRandom init = new SplittableRandom(cfg.seed());
        double std = Math.sqrt(2.0 / (n + np)); // Xavier normal, as in the reference notebook
        float[][] w = new float[np][n];
        for (float[] row : w) {
            for (int i = 0; i < n; i++) {
                row[i] = (float) (std * Gaussian.sample(init));
            }
        }
        float[] b = new float[n];
        float[] importance = new float[n];
        for (int i = 0; i < n; i++) {
            importance[i] = (float) Math.pow(cfg.importance(), i);
        }
        Chunk[] chunks = new Chunk[CHUNKS];
        for (int c = 0; c < CHUNKS; c++) {
            chunks[c] = new Chunk(n, np, new SparseSampler(n, cfg.sparsity(), cfg.seed() + 1 + c * 0x9E3779B97F4A7C15L));
        }
        HostAdam adamW = new HostAdam(np, n, cfg.learningRate());
        HostAdam adamB = new HostAdam(1, n, cfg.learningRate());
        float[][] wT = new float[n][np];
        float[][] gw = new float[np][n];
        float[][] gwT = new float[n][np];
        float[] gb = new float[n];
        int batch = cfg.batch();
        float scale = 2f / batch;
        double loss = Double.NaN;
        int reportEvery = Math.max(1, cfg.steps() / 200);
        for (int step = 0; step < cfg.steps(); step++) {
            transpose(w, wT);
            IntStream.range(0, CHUNKS).parallel().forEach(c -> chunks[c].run(w, wT, b, importance, scale,
                    (int) ((long) batch * (c + 1) / CHUNKS) - (int) ((long) batch * c / CHUNKS)));
            zero(gwT);
            Arrays.fill(gb, 0f);
            double sum = 0;
            for (Chunk c : chunks) {
                add(gwT, c.gwT);
                add(gb, c.gb);
                sum += c.loss;
            }
            transpose(gwT, gw);
            loss = sum / batch;
            adamW.step(w, gw);
            adamB.step(b, gb);
            monitor.betweenSteps();
            if (!Double.isFinite(loss)) {
                throw InvalidInputException.worded(Param.LEARNING_RATE, "toy-model training diverged: the loss became "
                        + loss + " at step " + (step + 1) + "; lower the ", Param.LEARNING_RATE);
            }
            if (step % reportEvery == 0 || step == cfg.steps() - 1) {
                monitor.report((step + 1.0) / cfg.steps(), String.format("toy model step %d/%d, loss %.5f",
                        step + 1, cfg.steps(), loss));
            }
        }
        double[] bias = new double[n];
        for (int i = 0; i < n; i++) {
            bias[i] = b[i];
        }
        double[][] wp = HostMath.toDouble(w);
        for (double[] row : wp) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    throw InvalidInputException.worded(Param.LEARNING_RATE,
                            "toy-model training diverged: W is no longer finite; lower the ", Param.LEARNING_RATE);
                }
            }
        }
        return new ToyModelResult(cfg, wp, bias, loss);
    }

    /** Rows of each batch drawn from one random stream, with their gradient accumulators (∂W transposed, [n, n_p]). */
    private static final class Chunk {
        final SparseSampler sampler;
        final float[][] gwT;
        final float[] gb;
        final int[] idx;
        final double[] val;
        final float[] x;
        final float[] h;
        final float[] z;
        final int[] positive;
        final float[] dh;
        double loss;

        Chunk(int n, int np, SparseSampler sampler) {
            this.sampler = sampler;
            this.gwT = new float[n][np];
            this.gb = new float[n];
            this.idx = new int[n];
            this.val = new double[n];
            this.x = new float[n];
            this.h = new float[np];
            this.z = new float[n];
            this.positive = new int[n];
            this.dh = new float[np];
        }

        void run(float[][] w, float[][] wT, float[] b, float[] importance, float scale, int rows) {
            zero(gwT);
            Arrays.fill(gb, 0f);
            loss = 0;
            for (int r = 0; r < rows; r++) {
                sample(w, wT, b, importance, scale);
            }
        }

        /**
         * One sample. Only outputs with z > 0 carry gradient and only active features enter h = W x, so after the dense
         * z = Wᵀ h + b every loop visits those alone.
         */
        private void sample(float[][] w, float[][] wT, float[] b, float[] importance, float scale) {
            int count = sampler.nextActive(idx, val);
            Arrays.fill(h, 0f);
            for (int a = 0; a < count; a++) {
                float v = (float) val[a];
                x[idx[a]] = v;
                axpy(h, v, wT[idx[a]]);
            }
            System.arraycopy(b, 0, z, 0, z.length);
            accumulateRows(z, h, w);
            int on = 0;
            for (int j = 0; j < z.length; j++) {
                positive[on] = j;
                on += z[j] > 0f ? 1 : 0;
            }
            double l = 0;
            for (int a = 0; a < count; a++) {      // outputs at 0 where x > 0 contribute I x² and no gradient
                int i = idx[a];
                if (z[i] <= 0f) {
                    l += importance[i] * x[i] * x[i];
                }
            }
            Arrays.fill(dh, 0f);
            for (int p = 0; p < on; p++) {
                int j = positive[p];
                float diff = z[j] - x[j];
                l += importance[j] * diff * diff;
                float dz = scale * importance[j] * diff;   // dL/dz_j
                gb[j] += dz;
                axpy(gwT[j], dz, h);                      // from z = Wᵀ h
                axpy(dh, dz, wT[j]);
            }
            loss += l;
            for (int a = 0; a < count; a++) {          // from h = W x
                int i = idx[a];
                axpy(gwT[i], (float) val[a], dh);
                x[i] = 0f;
            }
        }
    }
}
