package dev.saeexplorer.core.sae;

import java.util.List;

/** A finished training run: the model, the weights it was trained with and its curve. */
public record TrainingResult(SaeConfig config, SaeModel model, WsaeWeights weights, List<TrainingSnapshot> history,
                             double samplesPerSecond) {
    public TrainingSnapshot last() {
        return history.get(history.size() - 1);
    }
}
