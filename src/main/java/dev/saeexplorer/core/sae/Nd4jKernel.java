package dev.saeexplorer.core.sae;

import dev.saeexplorer.core.compute.AdamOptimizer;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The training step as a handful of large ND4J operations (six matrix products): device-agnostic, so a CUDA build
 * trains on the GPU with it. Works on the model's own arrays in place.
 */
final class Nd4jKernel implements TrainingKernel {
    private final SaeModel model;
    private final Step step;
    private final int inputDim;

    Nd4jKernel(SaeConfig cfg, SaeModel init, WsaeWeights weights) {
        this.model = init;
        this.inputDim = cfg.inputDim();
        this.step = cfg.tied() ? new TiedStep(cfg, init, weights) : new UntiedStep(cfg, init, weights);
    }

    @Override
    public StepOutcome step(float[] x, boolean[] dead, boolean measure) {
        INDArray batch = Nd4j.createFromArray(x).reshape(x.length / inputDim, inputDim);
        return step.run(batch, dead == null ? null : mask(dead), measure);
    }

    @Override
    public SaeModel model() {
        return new SaeModel(model.wEnc().dup(), model.bEnc().dup(), model.wDec().dup(), model.bDec().dup(),
                model.activation(), model.tied());
    }

    @Override
    public void close() {
        // Nothing to release: ND4J frees the arrays with the model.
    }

    private static INDArray mask(boolean[] dead) {
        float[] mask = new float[dead.length];
        for (int j = 0; j < dead.length; j++) {
            mask[j] = dead[j] ? 1f : 0f;
        }
        return Nd4j.createFromArray(mask).reshape(1, mask.length);
    }

    /** Γ² as a row vector [1, d_in]. */
    private static INDArray squared(WsaeWeights weights) {
        double[] g = weights.applied();
        float[] g2 = new float[g.length];
        for (int i = 0; i < g.length; i++) {
            g2[i] = (float) (g[i] * g[i]);
        }
        return Nd4j.createFromArray(g2).reshape(1, g2.length);
    }

    private interface Step {
        StepOutcome run(INDArray x, INDArray deadMask, boolean measure);
    }

    /** The standard SAE: untied W_enc and W_dec, biases, b_dec subtracted from the input. */
    private static final class UntiedStep implements Step {
        private final SaeConfig cfg;
        private final SaeModel m;
        private final INDArray gammaSquaredTimesTwo;
        private final INDArray gammaSquared;
        private final AdamOptimizer adam;

        UntiedStep(SaeConfig cfg, SaeModel model, WsaeWeights weights) {
            this.cfg = cfg;
            this.m = model;
            this.gammaSquared = squared(weights);
            this.gammaSquaredTimesTwo = gammaSquared.mul(2.0 / cfg.batch());
            this.adam = new AdamOptimizer(List.of(m.wEnc(), m.bEnc(), m.wDec(), m.bDec()), cfg.learningRate());
        }

        @Override
        public StepOutcome run(INDArray x, INDArray deadMask, boolean measure) {
            int batch = (int) x.size(0);
            INDArray xc = x.subRowVector(m.bDec());
            INDArray pre = xc.mmul(m.wEnc()).addiRowVector(m.bEnc());
            INDArray f = m.activation().forward(pre);
            INDArray residual = f.mmul(m.wDec()).addiRowVector(m.bDec()).subi(x);   // x̂ − x
            INDArray dXhat = residual.mulRowVector(gammaSquaredTimesTwo);
            INDArray active = Transforms.sign(f, true);                             // f ≥ 0: 1 where it fired
            double loss = 0;
            double reconstruction = 0;
            double l0 = 0;
            if (measure) {
                reconstruction = residual.mul(residual).muliRowVector(gammaSquared).sumNumber().doubleValue() / batch;
                l0 = active.sumNumber().doubleValue() / batch;
                loss = reconstruction + cfg.l1() * f.sumNumber().doubleValue() / batch;
            }
            INDArray gWDec = f.transpose().mmul(dXhat);
            INDArray gBDec = dXhat.sum(true, 0);
            INDArray dPre = dXhat.mmul(m.wDec().transpose());
            if (cfg.l1() > 0) {
                dPre.addi(cfg.l1() / batch);
            }
            dPre.muli(active);
            if (deadMask != null) {
                loss += auxiliary(pre, residual, deadMask, dPre, gWDec, batch, measure);
            }
            INDArray gWEnc = xc.transpose().mmul(dPre);
            INDArray gBEnc = dPre.sum(true, 0);
            gBDec.subi(gBEnc.mmul(m.wEnc().transpose()));                            // b_dec also enters via x − b_dec
            float[] fired = active.sum(0).toFloatVector();
            adam.step(List.of(gWEnc, gBEnc, gWDec, gBDec));
            if (cfg.l1() > 0) {
                m.wDec().diviColumnVector(m.wDec().norm2(true, 1).addi(1e-12));
            }
            return new StepOutcome(fired, loss, reconstruction, l0);
        }

        /**
         * Dead-latent auxiliary loss (AuxK-style, all dead latents): the dead latents alone, ReLU'd, reconstruct the
         * main residual x − x̂ through the decoder; α_aux·E‖(x − x̂) − ê‖². Its gradients are added in place.
         */
        private double auxiliary(INDArray pre, INDArray residual, INDArray deadMask, INDArray dPre, INDArray gWDec,
                                 int batch, boolean measure) {
            INDArray fDead = Transforms.relu(pre, true).muliRowVector(deadMask);
            INDArray auxResidual = fDead.mmul(m.wDec()).addi(residual);                 // ê − (x − x̂)
            double value = measure
                    ? cfg.auxCoefficient() * auxResidual.mul(auxResidual).sumNumber().doubleValue() / batch : 0;
            INDArray dAux = auxResidual.muli(2.0 * cfg.auxCoefficient() / batch);
            gWDec.addi(fDead.transpose().mmul(dAux));
            dPre.addi(dAux.mmul(m.wDec().transpose()).muli(Transforms.sign(fDead, false)));
            return value;
        }
    }

    /** The theory's SAE: x̂ = σ(x W) Wᵀ with W = W_enc, no biases, no renormalisation. */
    private static final class TiedStep implements Step {
        private final SaeConfig cfg;
        private final SaeModel m;
        private final INDArray gammaSquared;
        private final AdamOptimizer adam;

        TiedStep(SaeConfig cfg, SaeModel model, WsaeWeights weights) {
            this.cfg = cfg;
            this.m = model;
            this.gammaSquared = squared(weights);
            this.adam = new AdamOptimizer(List.of(m.wEnc()), cfg.learningRate());
        }

        @Override
        public StepOutcome run(INDArray x, INDArray deadMask, boolean measure) {
            int batch = (int) x.size(0);
            INDArray w = m.wEnc();
            INDArray f = m.activation().forward(x.mmul(w));
            INDArray residual = f.mmul(w.transpose()).subi(x);
            INDArray dXhat = residual.mulRowVector(gammaSquared).muli(2.0 / batch);
            INDArray active = Transforms.sign(f, true);
            double reconstruction = 0;
            double loss = 0;
            double l0 = 0;
            if (measure) {
                reconstruction = residual.mul(residual).muliRowVector(gammaSquared).sumNumber().doubleValue() / batch;
                l0 = active.sumNumber().doubleValue() / batch;
                loss = reconstruction + cfg.l1() * f.sumNumber().doubleValue() / batch;
            }
            INDArray dPre = dXhat.mmul(w);
            if (cfg.l1() > 0) {
                dPre.addi(cfg.l1() / batch);
            }
            dPre.muli(active);
            INDArray gW = x.transpose().mmul(dPre).addi(dXhat.transpose().mmul(f));
            float[] fired = active.sum(0).toFloatVector();
            adam.step(List.of(gW));
            return new StepOutcome(fired, loss, reconstruction, l0);
        }
    }

}
