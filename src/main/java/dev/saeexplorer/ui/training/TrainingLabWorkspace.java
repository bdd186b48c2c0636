package dev.saeexplorer.ui.training;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.ui.Workspace;
import dev.saeexplorer.ui.WorkspaceContext;
import dev.saeexplorer.ui.common.ExportableChart;
import dev.saeexplorer.ui.common.ExportableTable;
import java.util.List;
import java.util.stream.Collectors;
import javafx.scene.Node;

/** Workspace 2, "Training lab": an SAE and a WSAE trained side by side on the same synthetic data, live. */
public final class TrainingLabWorkspace implements Workspace {
    private final TrainingLabViewModel viewModel;
    private TrainingLabView view;

    public TrainingLabWorkspace(WorkspaceContext ctx) {
        this.viewModel = new TrainingLabViewModel(ctx);
    }

    /** For the shell's keyboard shortcuts (start, pause, resume, cancel) and for tests. */
    public TrainingLabViewModel viewModel() {
        return viewModel;
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

    private TrainingLabView lazyView() {
        if (view == null) {
            view = new TrainingLabView(viewModel);
        }
        return view;
    }

    @Override
    public List<ExportableChart> charts() {
        return lazyView().charts();
    }

    @Override
    public List<ExportableTable> tables() {
        return List.of(new ExportableTable("Training lab metrics", MetricRow.COLUMNS,
                () -> viewModel.metricRows().stream().map(MetricRow::cells).collect(Collectors.toList())));
    }

    @Override
    public JsonNode saveState() {
        return viewModel.saveState();
    }

    @Override
    public void restoreState(JsonNode state) {
        viewModel.restoreState(state);
    }

    @Override
    public void shutdown() {
        viewModel.shutdown();
    }
}
