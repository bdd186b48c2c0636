package dev.saeexplorer.ui;

import dev.saeexplorer.ui.checkpoints.CheckpointInspectorWorkspace;
import dev.saeexplorer.ui.pseval.PsEvalWorkspace;
import dev.saeexplorer.ui.superposition.PlaygroundWorkspace;
import dev.saeexplorer.ui.sweep.SweepWorkspace;
import dev.saeexplorer.ui.training.TrainingLabWorkspace;
import dev.saeexplorer.ui.workspace.Workspace;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import java.util.List;

/** The workspaces of this release, in navigation order. */
public final class Workspaces {
    private Workspaces() {
    }

    public static List<Workspace> create(WorkspaceContext ctx) {
        return List.of(new PlaygroundWorkspace(ctx), new TrainingLabWorkspace(ctx), new SweepWorkspace(ctx),
                new PsEvalWorkspace(ctx), new CheckpointInspectorWorkspace(ctx));
    }
}
