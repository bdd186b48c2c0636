package dev.saeexplorer.core.sae;

/** Receives a {@link TrainingSnapshot} every few steps. */
@FunctionalInterface
public interface TrainingListener {
    TrainingListener NONE = snapshot -> { };

    void onSnapshot(TrainingSnapshot snapshot);
}
