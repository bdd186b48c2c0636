package dev.saeexplorer.core.sae;

import static dev.saeexplorer.core.compute.HostMath.accumulateRows;
import static dev.saeexplorer.core.compute.HostMath.add;
import static dev.saeexplorer.core.compute.HostMath.transpose;
import static dev.saeexplorer.core.compute.HostMath.zero;

import dev.saeexplorer.core.compute.HostAdam;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fused CPU training kernel. The paper's problems are tiny (n_p = 20), so a step is a few million multiply-adds
 * and ND4J's per-operation cost would dominate; here one pass per sample computes the forward pass, the loss and the
 * per-sample gradient terms, and weight gradients are accumulated four samples at a time so each load of a gradient row
 * serves four multiply-adds. Inner loops run over the latents with unit stride so the JIT vectorises them; the decoder
 * visits only latents that fired.
 *
 * <p>Rows are split into a fixed number of chunks whose gradients are summed in chunk order, so results do not depend on
 * the number of threads. Parameters are float32: W_enc [d, m] and W_dec [m, d] row-major (SAELens orientation), with a
 * transposed copy of W_dec [d, m] kept for the unit-stride loops.
 */
final class JvmKernel implements TrainingKernel {
    private static final int CHUNKS = 8;
    /** Samples whose weight-gradient contributions are accumulated together. */
    private static final int BLOCK = 4;

    private final SaeConfig cfg;
    private final int d;
    private final int m;
    private final boolean tied;
    private final float[][] wEnc;
    private final float[] bEnc;
    private final float[][] wDec;
    private final float[][] wDecT;
    private final float[] bDec;
    private final float[] gammaSquared;
    private final HostAdam adamWEnc;
    private final HostAdam adamBEnc;
    private final HostAdam adamWDec;
    private final HostAdam adamBDec;
    private final Chunk[] chunks = new Chunk[CHUNKS];
    private final float[][] gWEnc;
    private final float[] gBEnc;
    private final float[][] gWDecT;
    private final float[][] gWDec;
    private final float[] gBDec;
    private final float[] fired;

    JvmKernel(SaeConfig cfg, SaeModel init, WsaeWeights weights) {
        this.cfg = cfg;
        this.d = cfg.inputDim();
        this.m = cfg.latents();
        this.tied = cfg.tied();
        this.wEnc = init.wEnc().toFloatMatrix();
        this.bEnc = init.bEnc().toFloatVector();
        this.wDec = init.wDec().toFloatMatrix();
        this.wDecT = new float[d][m];
        transpose(wDec, wDecT);
        this.bDec = init.bDec().toFloatVector();
        this.gammaSquared = new float[d];
        for (int k = 0; k < d; k++) {
            double g = weights.applied()[k];
            gammaSquared[k] = (float) (g * g);
        }
        this.adamWEnc = new HostAdam(d, m, cfg.learningRate());
        this.adamBEnc = new HostAdam(1, m, cfg.learningRate());
        this.adamWDec = new HostAdam(m, d, cfg.learningRate());
        this.adamBDec = new HostAdam(1, d, cfg.learningRate());
        for (int c = 0; c < CHUNKS; c++) {
            chunks[c] = new Chunk();
        }
        this.gWEnc = new float[d][m];
        this.gBEnc = new float[m];
        this.gWDecT = new float[d][m];
        this.gWDec = new float[m][d];
        this.gBDec = new float[d];
        this.fired = new float[m];
    }

    @Override
    public StepOutcome step(float[] x, boolean[] dead, boolean measure) {
        StepOutcome outcome = computeGradients(x, dead);
        update();
        return outcome;
    }

    /** The loss of the batch at the current parameters and its gradients (left in the g* fields), without a step. */
    StepOutcome computeGradients(float[] x, boolean[] dead) {
        int batch = x.length / d;
        Scales scales = new Scales(2f / batch, (float) (cfg.l1() / batch), (float) (2.0 * cfg.auxCoefficient() / batch));
        // The common pool plus the calling thread; each chunk writes only its own accumulators.
        IntStream.range(0, CHUNKS).parallel().forEach(c -> chunks[c].run(x, (int) ((long) batch * c / CHUNKS),
                (int) ((long) batch * (c + 1) / CHUNKS), dead, scales));
        reduceGradients();
        double recon = 0;
        double l1 = 0;
        double aux = 0;
        long l0 = 0;
        for (Chunk c : chunks) {
            recon += c.reconstruction;
            l1 += c.l1Sum;
            aux += c.auxSum;
            l0 += c.activeCount;
        }
        double reconstruction = recon / batch;
        double loss = reconstruction + cfg.l1() * l1 / batch + cfg.auxCoefficient() * aux / batch;
        return new StepOutcome(fired.clone(), loss, reconstruction, (double) l0 / batch);
    }

    /** ∂loss/∂W_enc [d][m] after {@link #computeGradients} (for tests). */
    float[][] encoderWeightGradient() {
        return gWEnc;
    }

    float[] encoderBiasGradient() {
        return gBEnc;
    }

    /** ∂loss/∂W_dec [m][d] (untied form). */
    float[][] decoderWeightGradient() {
        return gWDec;
    }

    float[] decoderBiasGradient() {
        return gBDec;
    }

    /** Sums the chunks' gradients in chunk order. */
    private void reduceGradients() {
        zero(gWEnc);
        Arrays.fill(gBEnc, 0f);
        zero(gWDecT);
        Arrays.fill(gBDec, 0f);
        Arrays.fill(fired, 0f);
        for (Chunk c : chunks) {
            add(gWEnc, c.gWEnc);
            add(gBEnc, c.gBEnc);
            add(gWDecT, c.gWDecT);
            add(gBDec, c.gBDec);
            add(fired, c.fired);
        }
        if (tied) {
            add(gWEnc, gWDecT); // W_dec = W_encᵀ: both uses of W contribute, and both gradients are [d, m]
            return;
        }
        transpose(gWDecT, gWDec);
        // b_dec also enters the encoder through x − b_dec: ∂/∂b_dec −= W_enc · ∂/∂b_enc.
        for (int k = 0; k < d; k++) {
            float s = 0;
            float[] row = wEnc[k];
            for (int j = 0; j < m; j++) {
                s += row[j] * gBEnc[j];
            }
            gBDec[k] -= s;
        }
    }

    private void update() {
        adamWEnc.step(wEnc, gWEnc);
        if (tied) {
            transpose(wEnc, wDec);
            transpose(wDec, wDecT);
            return;
        }
        adamBEnc.step(bEnc, gBEnc);
        adamWDec.step(wDec, gWDec);
        adamBDec.step(bDec, gBDec);
        if (cfg.l1() > 0) {
            for (float[] row : wDec) {
                double norm = 0;
                for (float v : row) {
                    norm += v * v;
                }
                float inv = (float) (1.0 / (Math.sqrt(norm) + 1e-12));
                for (int k = 0; k < row.length; k++) {
                    row[k] *= inv;
                }
            }
        }
        transpose(wDec, wDecT);
    }

    @Override
    public SaeModel model() {
        return new SaeModel(Nd4j.create(wEnc), Nd4j.createFromArray(bEnc.clone()).reshape(1, m), Nd4j.create(wDec),
                Nd4j.createFromArray(bDec.clone()).reshape(1, d), cfg.activation(), tied);
    }

    @Override
    public void close() {
        // Plain Java arrays: nothing to release.
    }

    /** Per-step constants: 2/B for the reconstruction gradient, λ/B for the L1 term, 2α_aux/B for the auxiliary loss. */
    private record Scales(float reconstruction, float l1, float aux) {
    }

    /** One chunk of rows: per-sample scratch for a block of {@value #BLOCK} samples and gradient accumulators. */
    private final class Chunk {
        final float[][] gWEnc = new float[d][m];
        final float[] gBEnc = new float[m];
        final float[][] gWDecT = new float[d][m];
        final float[] gBDec = new float[d];
        final float[] fired = new float[m];
        final float[][] xc = new float[BLOCK][d];
        final float[][] dx = new float[BLOCK][d];
        final float[][] f = new float[BLOCK][m];
        final float[][] dPre = new float[BLOCK][m];
        final float[] pre = new float[m];
        final float[] residual = new float[d];
        final float[] sortScratch = new float[m];
        final int[] active = new int[m];
        final float[] auxResidual = new float[d];
        double reconstruction;
        double l1Sum;
        double auxSum;
        long activeCount;

        void run(float[] x, int from, int to, boolean[] dead, Scales scales) {
            zero(gWEnc);
            Arrays.fill(gBEnc, 0f);
            zero(gWDecT);
            Arrays.fill(gBDec, 0f);
            Arrays.fill(fired, 0f);
            reconstruction = 0;
            l1Sum = 0;
            auxSum = 0;
            activeCount = 0;
            for (int start = from; start < to; start += BLOCK) {
                int rows = Math.min(BLOCK, to - start);
                for (int r = 0; r < BLOCK; r++) {
                    if (r < rows) {
                        sample(x, (start + r) * d, r, dead, scales);
                    } else {
                        Arrays.fill(xc[r], 0f);
                        Arrays.fill(dx[r], 0f);
                        Arrays.fill(f[r], 0f);
                        Arrays.fill(dPre[r], 0f);
                    }
                }
                accumulateWeightGradients();
            }
        }

        /** Forward pass, loss and the per-sample terms dx (∂/∂x̂) and dPre (∂/∂pre) of one sample into slot r. */
        private void sample(float[] x, int off, int r, boolean[] dead, Scales scales) {
            float[] xcr = xc[r];
            float[] fr = f[r];
            float[] dxr = dx[r];
            float[] dPreR = dPre[r];
            for (int k = 0; k < d; k++) {
                xcr[k] = tied ? x[off + k] : x[off + k] - bDec[k];
            }
            if (tied) {
                Arrays.fill(pre, 0f);
            } else {
                System.arraycopy(bEnc, 0, pre, 0, m);
            }
            accumulateRows(pre, xcr, wEnc);
            int count = activate(fr);
            for (int k = 0; k < d; k++) {
                residual[k] = (tied ? 0f : bDec[k]) - x[off + k];
            }
            double l1 = 0;
            for (int a = 0; a < count; a++) {
                int j = active[a];
                float fj = fr[j];
                l1 += fj;
                fired[j] += 1f;
                float[] row = wDec[j];
                for (int k = 0; k < d; k++) {
                    residual[k] += fj * row[k];
                }
            }
            l1Sum += l1;
            activeCount += count;
            double recon = 0;
            for (int k = 0; k < d; k++) {
                float res = residual[k];
                recon += gammaSquared[k] * res * res;
                dxr[k] = res * gammaSquared[k] * scales.reconstruction();
                gBDec[k] += dxr[k];
            }
            reconstruction += recon;
            // ∂/∂pre_j = (dx · W_dec[j] + λ/B) where the latent fired, else 0.
            Arrays.fill(dPreR, scales.l1());
            accumulateRows(dPreR, dxr, wDecT);
            for (int j = 0; j < m; j++) {
                dPreR[j] = fr[j] > 0f ? dPreR[j] : 0f;
            }
            if (dead != null) {
                auxiliary(dead, scales.aux(), r);
            }
        }

        /** ∂W_enc[k, :] += Σ_r xc_r[k] dPre_r and ∂W_decᵀ[k, :] += Σ_r dx_r[k] f_r for the block's samples. */
        private void accumulateWeightGradients() {
            float[] p0 = dPre[0];
            float[] p1 = dPre[1];
            float[] p2 = dPre[2];
            float[] p3 = dPre[3];
            float[] f0 = f[0];
            float[] f1 = f[1];
            float[] f2 = f[2];
            float[] f3 = f[3];
            for (int j = 0; j < m; j++) {
                gBEnc[j] += (p0[j] + p1[j]) + (p2[j] + p3[j]);
            }
            for (int k = 0; k < d; k++) {
                float a0 = xc[0][k];
                float a1 = xc[1][k];
                float a2 = xc[2][k];
                float a3 = xc[3][k];
                float c0 = dx[0][k];
                float c1 = dx[1][k];
                float c2 = dx[2][k];
                float c3 = dx[3][k];
                float[] ge = gWEnc[k];
                float[] gd = gWDecT[k];
                for (int j = 0; j < ge.length; j++) {
                    ge[j] += a0 * p0[j] + a1 * p1[j] + a2 * p2[j] + a3 * p3[j];
                }
                for (int j = 0; j < gd.length; j++) {
                    gd[j] += c0 * f0[j] + c1 * f1[j] + c2 * f2[j] + c3 * f3[j];
                }
            }
        }

        /** f = σ(pre) and the list of latents with f > 0. */
        private int activate(float[] out) {
            return cfg.activation().activate(pre, out, active, sortScratch);
        }

        /**
         * The dead latents alone, ReLU'd, reconstruct the main residual through the decoder:
         * α_aux·‖ê − (x − x̂)‖². Adds to ∂W_dec directly and to the sample's ∂pre for the encoder.
         */
        private void auxiliary(boolean[] dead, float auxScale, int r) {
            System.arraycopy(residual, 0, auxResidual, 0, d);
            int count = 0;
            for (int j = 0; j < m; j++) {
                if (dead[j] && pre[j] > 0f) {
                    active[count++] = j;
                    float p = pre[j];
                    float[] row = wDec[j];
                    for (int k = 0; k < d; k++) {
                        auxResidual[k] += p * row[k];
                    }
                }
            }
            double sum = 0;
            for (int k = 0; k < d; k++) {
                sum += auxResidual[k] * auxResidual[k];
                auxResidual[k] *= auxScale;
            }
            auxSum += sum;
            for (int a = 0; a < count; a++) {
                int j = active[a];
                float p = pre[j];
                float[] row = wDec[j];
                float dp = 0f;
                for (int k = 0; k < d; k++) {
                    gWDecT[k][j] += p * auxResidual[k];
                    dp += auxResidual[k] * row[k];
                }
                dPre[r][j] += dp;
            }
        }
    }
}
