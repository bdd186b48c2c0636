package dev.saeexplorer.ui;

import dev.saeexplorer.ui.sweep.SweepWorkspace;
import dev.saeexplorer.ui.training.TrainingLabWorkspace;

/** What the screenshot tour starts in each workspace before it is photographed. */
final class TourHooks {
    private TourHooks() {
    }

    static void prepare(Workspace w) {
        if (w instanceof TrainingLabWorkspace) {
            ((TrainingLabWorkspace) w).viewModel().start();
        } else if (w instanceof SweepWorkspace) {
            ((SweepWorkspace) w).model().run();
        }
    }
}
