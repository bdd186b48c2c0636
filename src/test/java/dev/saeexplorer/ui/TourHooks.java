package dev.saeexplorer.ui;

import dev.saeexplorer.ui.checkpoints.BundledSample;
import dev.saeexplorer.ui.checkpoints.CheckpointInspectorWorkspace;
import dev.saeexplorer.ui.checkpoints.CheckpointSource;
import dev.saeexplorer.ui.pseval.PsEvalTour;
import dev.saeexplorer.ui.pseval.PsEvalWorkspace;
import dev.saeexplorer.ui.sweep.SweepWorkspace;
import dev.saeexplorer.ui.training.TrainingLabWorkspace;
import dev.saeexplorer.ui.workspace.Workspace;

/** What the screenshot tour starts in each workspace before it is photographed. */
final class TourHooks {
    private TourHooks() {
    }

    static void prepare(Workspace w) {
        if (w instanceof TrainingLabWorkspace) {
            ((TrainingLabWorkspace) w).viewModel().start();
        } else if (w instanceof SweepWorkspace) {
            ((SweepWorkspace) w).model().run();
        } else if (w instanceof PsEvalWorkspace) {
            PsEvalTour.prepare((PsEvalWorkspace) w);
        } else if (w instanceof CheckpointInspectorWorkspace) {
            // The bundled SAE opens by itself; compare it with the bundled WSAE trained on the same data.
            ((CheckpointInspectorWorkspace) w).viewModel().compareWith(new CheckpointSource.Bundled(BundledSample.TOY_WSAE));
        }
    }
}
