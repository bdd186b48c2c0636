package dev.saeexplorer.core.compute;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Adam (β₁ 0.9, β₂ 0.999, ε 1e-8) over a fixed list of parameter arrays, each updated in place by ND4J's fused
 * {@code adam_updater} op: one native call per parameter per step instead of a dozen elementwise ops.
 */
public final class AdamOptimizer {
    private final List<INDArray> parameters;
    private final List<AdamUpdater> updaters = new ArrayList<>();
    private int iteration;

    public AdamOptimizer(List<INDArray> parameters, double learningRate) {
        this.parameters = List.copyOf(parameters);
        Adam config = new Adam(learningRate, 0.9, 0.999, 1e-8);
        for (INDArray p : this.parameters) {
            AdamUpdater updater = new AdamUpdater(config);
            INDArray state = Nd4j.zeros(p.dataType(), 1, 2 * p.length());
            updater.setStateViewArray(state, p.shape(), p.ordering(), true);
            updaters.add(updater);
        }
    }

    /** Applies one step; each gradient is consumed (overwritten with the update) and must match its parameter's shape. */
    public void step(List<INDArray> gradients) {
        for (int i = 0; i < parameters.size(); i++) {
            INDArray g = gradients.get(i);
            updaters.get(i).applyUpdater(g, iteration, 0);
            parameters.get(i).subi(g);
        }
        iteration++;
    }
}
