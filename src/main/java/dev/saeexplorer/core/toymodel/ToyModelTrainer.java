package dev.saeexplorer.core.toymodel;

import dev.saeexplorer.core.compute.AdamOptimizer;
import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.superposition.Presets;
import dev.saeexplorer.core.superposition.SparseSampler;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Trains the toy model of Elhage et al. (2022): x' = ReLU(Wᵀ W x + b), minimising E Σ_i I_i (x_i − x'_i)² with Adam,
 * on sparse data at sparsity S. Batches are rows; gradients are written out by hand (two matrix products forward,
 * three backward). Deterministic for a seed on the CPU.
 */
public final class ToyModelTrainer {

    public ToyModelResult train(ToyModelConfig cfg, TaskMonitor monitor) {
        int n = cfg.features();
        int np = cfg.dims();
        int batch = cfg.batch();
        SplittableRandom init = new SplittableRandom(cfg.seed());
        double std = Math.sqrt(2.0 / (n + np)); // Xavier normal, as in the reference notebook
        float[] w0 = new float[np * n];
        for (int i = 0; i < w0.length; i++) {
            w0[i] = (float) (std * Presets.gaussianSample(init));
        }
        INDArray w = Nd4j.createFromArray(w0).reshape(np, n);
        INDArray b = Nd4j.zeros(DataType.FLOAT, 1, n);
        float[] importance = new float[n];
        for (int i = 0; i < n; i++) {
            importance[i] = (float) Math.pow(cfg.importance(), i);
        }
        INDArray imp = Nd4j.createFromArray(importance).reshape(1, n);
        AdamOptimizer adam = new AdamOptimizer(List.of(w, b), cfg.learningRate());

        SparseSampler sampler = new SparseSampler(n, cfg.sparsity(), cfg.seed() + 1);
        float[] xs = new float[batch * n];
        INDArray x = Nd4j.create(DataType.FLOAT, batch, n);
        double loss = Double.NaN;
        int reportEvery = Math.max(1, cfg.steps() / 200);
        for (int step = 0; step < cfg.steps(); step++) {
            sampler.fill(xs, batch);
            x.data().setData(xs);
            INDArray h = x.mmul(w.transpose());                 // [B, np]
            INDArray z = h.mmul(w).addiRowVector(b);            // [B, n]
            INDArray y = Transforms.relu(z, true);
            INDArray diff = y.sub(x);
            INDArray weighted = diff.mulRowVector(imp);
            boolean report = step % reportEvery == 0 || step == cfg.steps() - 1;
            if (report) {
                loss = weighted.mul(diff).sumNumber().doubleValue() / batch;
            }
            // dL/dz = 2 I (y − x)/B where z > 0 (y = relu(z); y > 0 exactly where z > 0).
            INDArray dz = weighted.muli(2.0 / batch).muli(Transforms.sign(y, false));
            INDArray gb = dz.sum(true, 0);
            INDArray gw = h.transpose().mmul(dz);                // from z = h W
            gw.addi(dz.mmul(w.transpose()).transpose().mmul(x)); // from h = x Wᵀ
            adam.step(List.of(gw, gb));
            if (report) {
                monitor.checkCancelled();
                monitor.report((step + 1.0) / cfg.steps(), String.format("toy model step %d/%d, loss %.5f",
                        step + 1, cfg.steps(), loss));
            }
        }
        return new ToyModelResult(cfg, w.castTo(DataType.DOUBLE).toDoubleMatrix(),
                b.castTo(DataType.DOUBLE).toDoubleVector(), loss);
    }
}
