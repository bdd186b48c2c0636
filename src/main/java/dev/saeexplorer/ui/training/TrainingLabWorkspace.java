package dev.saeexplorer.ui.training;

import dev.saeexplorer.ui.workspace.ModelWorkspace;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import dev.saeexplorer.ui.common.ExportableChart;
import dev.saeexplorer.ui.common.ExportableTable;
import java.util.List;
import java.util.stream.Collectors;
import javafx.scene.Node;

/** Workspace 2, "Training lab": an SAE and a WSAE trained side by side on the same synthetic data, live. */
public final class TrainingLabWorkspace extends ModelWorkspace<TrainingLabViewModel, TrainingLabView> {
    public TrainingLabWorkspace(WorkspaceContext ctx) {
        super(new TrainingLabViewModel(ctx));
    }

    @Override
    public String title() {
        return "Training lab";
    }

    @Override
    public String iconLiteral() {
        return "mdmz-model_training";
    }

    @Override
    public Node view() {
        return lazyView().node();
    }

    @Override
    protected TrainingLabView createView() {
        return new TrainingLabView(viewModel());
    }

    @Override
    public List<ExportableChart> charts() {
        return lazyView().charts();
    }

    @Override
    public List<ExportableTable> tables() {
        return List.of(new ExportableTable("Training lab metrics", MetricRow.COLUMNS,
                () -> viewModel().metricRows().stream().map(MetricRow::cells).collect(Collectors.toList())));
    }
}
