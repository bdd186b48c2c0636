package dev.saeexplorer.core.sae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fused kernel's analytic gradients against central finite differences of an independent float64 implementation
 * of the loss written here from design/MATH.md.
 */
class JvmKernelGradientTest {
    private static final int D = 5;
    private static final int M = 7;
    private static final int BATCH = 24;

    static Stream<Arguments> settings() {
        return Stream.of(
                Arguments.of("relu + L1", new Activation.Relu(), 0.05, false, new double[] {1, 1, 1, 1, 1}),
                Arguments.of("relu, WSAE weights", new Activation.Relu(), 0.02, false, new double[] {0.5, 1.2, 0.8, 1.4, 0.9}),
                Arguments.of("topk", new Activation.TopK(3), 0.01, false, new double[] {1, 1, 1, 1, 1}),
                Arguments.of("jumprelu", new Activation.JumpRelu(0.05), 0.03, false, new double[] {1, 1, 1, 1, 1}),
                Arguments.of("tied, no L1", new Activation.Relu(), 0.0, true, new double[] {1, 1, 1, 1, 1}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settings")
    void analyticGradientsMatchFiniteDifferences(String name, Activation activation, double l1, boolean tied,
                                                 double[] gamma) {
        SaeConfig cfg = new SaeConfig(D, M, activation, l1, Weighting.NONE, 1.0, tied, 0.0, 1000, 1, BATCH, 1e-3, 3);
        Params p = Params.random(new SplittableRandom(11), tied);
        float[] x = randomInputs(new SplittableRandom(12));
        WsaeWeights weights = new WsaeWeights(gamma, gamma);
        JvmKernel kernel = new JvmKernel(cfg, p.toModel(activation, tied), weights);
        double analyticLoss = kernel.computeGradients(x, null).loss();
        assertEquals(loss(p, x, activation, l1, gamma, tied), analyticLoss, 1e-5 * Math.max(1, Math.abs(analyticLoss)));

        float[][] gWEnc = kernel.encoderWeightGradient();
        for (int k = 0; k < D; k++) {
            for (int j = 0; j < M; j++) {
                int kk = k;
                int jj = j;
                double fd = finiteDifference(p, q -> q.wEnc[kk][jj], (q, v) -> {
                    q.wEnc[kk][jj] = v;
                    if (tied) {
                        q.wDec[jj][kk] = v;
                    }
                }, x, activation, l1, gamma, tied);
                assertClose(fd, gWEnc[k][j], "W_enc[" + k + "][" + j + "]");
            }
        }
        if (tied) {
            return;
        }
        float[] gBEnc = kernel.encoderBiasGradient();
        float[][] gWDec = kernel.decoderWeightGradient();
        float[] gBDec = kernel.decoderBiasGradient();
        for (int j = 0; j < M; j++) {
            int jj = j;
            assertClose(finiteDifference(p, q -> q.bEnc[jj], (q, v) -> q.bEnc[jj] = v, x, activation, l1, gamma, false),
                    gBEnc[j], "b_enc[" + j + "]");
            for (int k = 0; k < D; k++) {
                int kk = k;
                assertClose(finiteDifference(p, q -> q.wDec[jj][kk], (q, v) -> q.wDec[jj][kk] = v, x, activation, l1,
                        gamma, false), gWDec[j][k], "W_dec[" + j + "][" + k + "]");
            }
        }
        for (int k = 0; k < D; k++) {
            int kk = k;
            assertClose(finiteDifference(p, q -> q.bDec[kk], (q, v) -> q.bDec[kk] = v, x, activation, l1, gamma, false),
                    gBDec[k], "b_dec[" + k + "]");
        }
    }

    @org.junit.jupiter.api.Test
    void auxiliaryLossGradientFlowsOnlyIntoDeadLatentsWithTheMainResidualHeldFixed() {
        double aux = 0.5;
        SaeConfig cfg = new SaeConfig(D, M, new Activation.TopK(2), 0.0, Weighting.NONE, 1.0, false, aux, 1, 1, BATCH,
                1e-3, 3);
        Params p = Params.random(new SplittableRandom(21), false);
        float[] x = randomInputs(new SplittableRandom(22));
        boolean[] dead = {false, true, false, true, true, false, false};
        double[] ones = {1, 1, 1, 1, 1};
        JvmKernel withAux = new JvmKernel(cfg, p.toModel(cfg.activation(), false), new WsaeWeights(ones, ones));
        withAux.computeGradients(x, dead);
        float[][] gAux = copy(withAux.decoderWeightGradient());
        SaeConfig noAuxCfg = new SaeConfig(D, M, new Activation.TopK(2), 0.0, Weighting.NONE, 1.0, false, 0.0, 1, 1,
                BATCH, 1e-3, 3);
        JvmKernel plain = new JvmKernel(noAuxCfg, p.toModel(cfg.activation(), false), new WsaeWeights(ones, ones));
        plain.computeGradients(x, null);
        float[][] gMain = plain.decoderWeightGradient();
        double[][] residual = residuals(p, x, cfg.activation(), false);
        for (int j = 0; j < M; j++) {
            for (int k = 0; k < D; k++) {
                int jj = j;
                int kk = k;
                double fd = central(p, q -> q.wDec[jj][kk], (q, v) -> q.wDec[jj][kk] = v,
                        q -> aux * auxLoss(q, x, residual, dead));
                double analytic = gAux[j][k] - gMain[j][k];
                assertClose(fd, analytic, "aux W_dec[" + j + "][" + k + "]");
                if (!dead[j]) {
                    assertEquals(0.0, analytic, 1e-7, "a live latent gets no auxiliary gradient");
                }
            }
        }
    }

    // ---- an independent float64 implementation of the loss (design/MATH.md), rows as samples ----

    private static double loss(Params p, float[] x, Activation act, double l1, double[] gamma, boolean tied) {
        double total = 0;
        for (int b = 0; b < BATCH; b++) {
            double[] f = encode(p, x, b, act, tied);
            for (int k = 0; k < D; k++) {
                double xhat = tied ? 0 : p.bDec[k];
                for (int j = 0; j < M; j++) {
                    xhat += f[j] * p.wDec[j][k];
                }
                double r = xhat - x[b * D + k];
                total += gamma[k] * gamma[k] * r * r;
            }
            for (double v : f) {
                total += l1 * v;
            }
        }
        return total / BATCH;
    }

    private static double[] encode(Params p, float[] x, int b, Activation act, boolean tied) {
        double[] pre = new double[M];
        for (int j = 0; j < M; j++) {
            double s = tied ? 0 : p.bEnc[j];
            for (int k = 0; k < D; k++) {
                s += (x[b * D + k] - (tied ? 0 : p.bDec[k])) * p.wEnc[k][j];
            }
            pre[j] = s;
        }
        return act.apply(pre);
    }

    private static double[][] residuals(Params p, float[] x, Activation act, boolean tied) {
        double[][] r = new double[BATCH][D];
        for (int b = 0; b < BATCH; b++) {
            double[] f = encode(p, x, b, act, tied);
            for (int k = 0; k < D; k++) {
                double xhat = p.bDec[k];
                for (int j = 0; j < M; j++) {
                    xhat += f[j] * p.wDec[j][k];
                }
                r[b][k] = xhat - x[b * D + k];
            }
        }
        return r;
    }

    /** E‖ê + r‖² with ê = Σ_dead ReLU(pre_j) W_dec[j] and r the (fixed) main residual x̂ − x. */
    private static double auxLoss(Params p, float[] x, double[][] residual, boolean[] dead) {
        double total = 0;
        for (int b = 0; b < BATCH; b++) {
            double[] pre = new double[M];
            for (int j = 0; j < M; j++) {
                double s = p.bEnc[j];
                for (int k = 0; k < D; k++) {
                    s += (x[b * D + k] - p.bDec[k]) * p.wEnc[k][j];
                }
                pre[j] = s;
            }
            for (int k = 0; k < D; k++) {
                double e = residual[b][k];
                for (int j = 0; j < M; j++) {
                    if (dead[j] && pre[j] > 0) {
                        e += pre[j] * p.wDec[j][k];
                    }
                }
                total += e * e;
            }
        }
        return total / BATCH;
    }

    private static double finiteDifference(Params p, Getter get, Setter set, float[] x, Activation act, double l1,
                                           double[] gamma, boolean tied) {
        return central(p, get, set, q -> loss(q, x, act, l1, gamma, tied));
    }

    private static double central(Params p, Getter get, Setter set, java.util.function.ToDoubleFunction<Params> f) {
        double h = 1e-4;
        Params plus = p.copy();
        Params minus = p.copy();
        double v = get.get(p);
        set.set(plus, v + h);
        set.set(minus, v - h);
        return (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (2 * h);
    }

    private static void assertClose(double expected, double actual, String what) {
        assertTrue(Math.abs(expected - actual) <= 2e-3 * Math.max(0.05, Math.abs(expected)),
                what + ": finite difference " + expected + ", kernel " + actual);
    }

    private static float[] randomInputs(SplittableRandom r) {
        float[] x = new float[BATCH * D];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 0.5);
        }
        return x;
    }

    private static float[][] copy(float[][] a) {
        float[][] c = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    private interface Getter {
        double get(Params p);
    }

    private interface Setter {
        void set(Params p, double v);
    }

    /** Parameters exactly representable in float32, held in float64 for the reference loss. */
    private static final class Params {
        double[][] wEnc = new double[D][M];
        double[] bEnc = new double[M];
        double[][] wDec = new double[M][D];
        double[] bDec = new double[D];

        static Params random(SplittableRandom r, boolean tied) {
            Params p = new Params();
            for (int k = 0; k < D; k++) {
                for (int j = 0; j < M; j++) {
                    p.wEnc[k][j] = (float) (r.nextDouble() - 0.3);
                    p.wDec[j][k] = tied ? p.wEnc[k][j] : (float) (r.nextDouble() - 0.4);
                }
            }
            if (!tied) {
                for (int j = 0; j < M; j++) {
                    p.bEnc[j] = (float) (0.2 * r.nextDouble() - 0.1);
                }
                for (int k = 0; k < D; k++) {
                    p.bDec[k] = (float) (0.2 * r.nextDouble() - 0.1);
                }
            }
            return p;
        }

        Params copy() {
            Params c = new Params();
            for (int k = 0; k < D; k++) {
                c.wEnc[k] = wEnc[k].clone();
                c.bDec[k] = bDec[k];
            }
            for (int j = 0; j < M; j++) {
                c.wDec[j] = wDec[j].clone();
                c.bEnc[j] = bEnc[j];
            }
            return c;
        }

        SaeModel toModel(Activation act, boolean tied) {
            return new SaeModel(Nd4j.create(toFloat(wEnc)), Nd4j.createFromArray(toFloat(bEnc)).reshape(1, M),
                    Nd4j.create(toFloat(wDec)), Nd4j.createFromArray(toFloat(bDec)).reshape(1, D), act, tied);
        }

        private static float[][] toFloat(double[][] a) {
            float[][] f = new float[a.length][];
            for (int i = 0; i < a.length; i++) {
                f[i] = toFloat(a[i]);
            }
            return f;
        }

        private static float[] toFloat(double[] a) {
            float[] f = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                f[i] = (float) a[i];
            }
            return f;
        }
    }
}
